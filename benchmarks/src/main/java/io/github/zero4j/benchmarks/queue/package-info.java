/**
 * zero-queue against raw kafka-clients: main() harnesses (not JMH) that take a running broker's
 * {@code host:port}, because a Kafka round trip is measured in records per second and end-to-end
 * latency rather than nanoseconds per call.
 */
@NullMarked
package io.github.zero4j.benchmarks.queue;

import org.jspecify.annotations.NullMarked;
