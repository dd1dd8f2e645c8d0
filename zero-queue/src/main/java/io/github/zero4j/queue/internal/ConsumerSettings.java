package io.github.zero4j.queue.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What the consumer engine needs of a queue's configuration (taken from {@code KqConf} by each
 * implementation).
 *
 * @param name the stat line's name
 * @param topic the topic consumed
 * @param group the consumer group
 * @param processors handler calls running at once
 * @param maxInFlight fetched but unfinished messages before fetching pauses
 * @param retries retries before a message is given up
 * @param retryBackoff the first retry's backoff
 * @param retryMaxBackoff the backoff cap
 * @param forceCommit whether a given-up message without a dead-letter topic is committed
 * @param ordering what messages are ordered by
 * @param drainTimeout how long a revoke or stop waits for the fetched messages to finish
 */
public record ConsumerSettings(
    String name,
    String topic,
    String group,
    int processors,
    int maxInFlight,
    int retries,
    Duration retryBackoff,
    Duration retryMaxBackoff,
    boolean forceCommit,
    Dispatcher.Ordering ordering,
    Duration drainTimeout) {

  public ConsumerSettings {
    requireNonNull(name, "name");
    requireNonNull(topic, "topic");
    requireNonNull(group, "group");
    requireNonNull(retryBackoff, "retryBackoff");
    requireNonNull(retryMaxBackoff, "retryMaxBackoff");
    requireNonNull(ordering, "ordering");
    requireNonNull(drainTimeout, "drainTimeout");
  }

  /** go-queue's modes: CommitInOrder wins, then KeyOrdered, else none. */
  public static Dispatcher.Ordering ordering(boolean commitInOrder, boolean keyOrdered) {
    if (commitInOrder) {
      return Dispatcher.Ordering.PARTITION;
    }
    return keyOrdered ? Dispatcher.Ordering.KEY : Dispatcher.Ordering.NONE;
  }
}
