/**
 * An in-process twin of {@code queue.kq}: {@link io.github.zero4j.queue.inproc.InProcBroker} holds
 * bounded topics in memory, its pushers and {@link io.github.zero4j.queue.inproc.InProcQueue}s keep
 * the Kafka queue's contract (per-key order, retries, dead-letter topic, back-pressure, in-order
 * commits, redelivery after a restart within the process). For unit tests and embedded mode.
 */
@NullMarked
package io.github.zero4j.queue.inproc;

import org.jspecify.annotations.NullMarked;
