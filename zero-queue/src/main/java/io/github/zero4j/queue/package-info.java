/**
 * zero-queue's API, shared by the Kafka implementation ({@code queue.kq}) and its in-process twin
 * ({@code queue.inproc}): {@link io.github.zero4j.queue.Pusher} writes messages, a {@link
 * io.github.zero4j.queue.MessageQueue} consumes them at least once through a {@link
 * io.github.zero4j.queue.MessageHandler} or a go-queue style {@link
 * io.github.zero4j.queue.ConsumeHandler}, and {@link io.github.zero4j.queue.ServiceGroup} starts
 * and stops several queues together. Delivery guarantees are in {@code docs/queue.md}.
 */
@NullMarked
package io.github.zero4j.queue;

import org.jspecify.annotations.NullMarked;
