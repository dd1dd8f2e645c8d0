/**
 * go-queue's {@code kq} on kafka-clients: {@link io.github.zero4j.queue.kq.KqConf}, {@link
 * io.github.zero4j.queue.kq.KafkaPusher} and {@link io.github.zero4j.queue.kq.KafkaQueue}, an
 * at-least-once consumer with per-key ordering beyond the partition count, in-order commits,
 * bounded retries, a dead-letter topic, back-pressure and drain on rebalance and stop.
 */
@NullMarked
package io.github.zero4j.queue.kq;

import org.jspecify.annotations.NullMarked;
