package io.github.zero4j.queue.kq;

import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.queue.internal.Dispatcher;
import io.github.zero4j.queue.internal.InFlight;
import io.github.zero4j.queue.internal.PartitionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One group member: a {@code KafkaConsumer} and the only thread that touches it.
 *
 * <pre>
 * loop until stopped:
 *   1. drain worker completions into the partitions' offset trackers
 *   2. every CommitInterval: commitAsync each partition's lowest unfinished offset (if it moved),
 *      refresh the lag and commit-gap gauges
 *   3. back-pressure: at MaxInFlight pause every assigned partition; at half, resume
 *   4. poll (100 ms; while paused, park until capacity returns, then poll(0) to keep the
 *      membership and run rebalance callbacks) and dispatch each record to its key lane
 * revoke (inside poll, cooperative-sticky): nothing more is fetched or dispatched meanwhile; wait up
 *   to DrainTimeout until every message already dispatched for the partitions is finished (running,
 *   queued in its key lane or retrying), then revoke their states (what is left is abandoned),
 *   commitSync each one's lowest unfinished offset, let go. Queued messages must finish too: key
 *   lanes finish a partition out of offset order, so an abandoned queued message would hold the
 *   commit behind later offsets that are done, and the next owner would handle those again.
 * lost: drop the states, commit nothing (another member may own them already).
 * stop: the same drain and commitSync for every partition (one deadline), then close (leaves the
 *   group).
 * abort (tests: a crash): no drain, no commit; close still leaves the group.
 * </pre>
 *
 * Workers never touch the consumer: they report through the dispatcher's completion queue.
 */
final class PollLoop implements Runnable, ConsumerRebalanceListener {
  private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

  /** How long a poll waits for records when there are none; also bounds stop latency. */
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

  /** A paused loop polls at least this often to keep its membership and see rebalances. */
  private static final long PAUSED_WAIT_NANOS = Duration.ofMillis(100).toNanos();

  /** After an unexpected error the loop waits this long before polling again. */
  private static final long ERROR_BACKOFF_NANOS = Duration.ofSeconds(1).toNanos();

  /** Bound of a synchronous commit (kafka-clients would wait default.api.timeout.ms, 60 s). */
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

  /** Bound of closing the consumer (leaving the group). */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final String topic;
  private final Consumer<byte[], byte[]> consumer;
  private final Dispatcher<KafkaDelivery> dispatcher;
  private final InFlight inFlight;
  private final Ticker ticker;
  private final long commitIntervalNanos;
  private final long drainTimeoutNanos;
  private final Map<Integer, PartitionState> owned = new HashMap<>();

  private volatile boolean stopRequested;
  private volatile boolean aborted;
  private volatile long stopDeadline;
  private volatile @Nullable Thread thread;
  private volatile long lag;
  private volatile long commitGap;

  private boolean paused;
  private long lastCommit;

  PollLoop(
      String topic,
      Consumer<byte[], byte[]> consumer,
      Dispatcher<KafkaDelivery> dispatcher,
      InFlight inFlight,
      Ticker ticker,
      Duration commitInterval,
      Duration drainTimeout) {
    this.topic = topic;
    this.consumer = consumer;
    this.dispatcher = dispatcher;
    this.inFlight = inFlight;
    this.ticker = ticker;
    this.commitIntervalNanos = commitInterval.toNanos();
    this.drainTimeoutNanos = drainTimeout.toNanos();
  }

  long lag() {
    return lag;
  }

  long commitGap() {
    return commitGap;
  }

  /** Asks the loop to drain, commit and leave; {@code deadline} bounds the drain. */
  void requestStop(long deadline) {
    stopDeadline = deadline;
    stopRequested = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Asks the loop to leave at once without draining or committing. */
  void requestAbort() {
    aborted = true;
    requestStop(ticker.read());
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    try {
      consumer.subscribe(List.of(topic), this);
      lastCommit = ticker.read();
      while (!stopRequested) {
        try {
          step();
        } catch (RuntimeException e) {
          if (stopRequested) {
            break;
          }
          log.warn("polling {} failed; retrying", topic, e);
          LockSupport.parkNanos(this, ERROR_BACKOFF_NANOS);
        }
      }
      if (!aborted) {
        drainAndCommit(new ArrayList<>(owned.values()), stopDeadline);
        owned.clear();
      }
    } catch (RuntimeException e) {
      log.error("the poll loop of {} failed", topic, e);
    } finally {
      close();
    }
  }

  private void step() {
    dispatcher.drainCompletions();
    long now = ticker.read();
    if (now - lastCommit >= commitIntervalNanos) {
      lastCommit = now;
      commitAsync();
      refreshGauges();
    }
    if (!paused && inFlight.full()) {
      consumer.pause(consumer.assignment());
      paused = true;
    } else if (paused && inFlight.canResume()) {
      consumer.resume(consumer.paused());
      paused = false;
    }
    ConsumerRecords<byte[], byte[]> records;
    if (paused) {
      inFlight.awaitCapacity(PAUSED_WAIT_NANOS);
      records = consumer.poll(Duration.ZERO);
    } else {
      records = consumer.poll(POLL_TIMEOUT);
    }
    for (TopicPartition tp : records.partitions()) {
      PartitionState state = owned.get(tp.partition());
      if (state == null) {
        continue;
      }
      for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
        dispatcher.submit(new KafkaDelivery(state, r));
      }
    }
  }

  private void commitAsync() {
    Map<TopicPartition, OffsetAndMetadata> offsets = committable(owned.values());
    if (offsets.isEmpty()) {
      return;
    }
    consumer.commitAsync(
        offsets,
        (done, error) -> {
          if (error != null) {
            // The next interval commits again from the trackers; nothing is lost.
            log.debug("committing {} failed: {}", offsets, error.toString());
            return;
          }
          markCommitted(done);
        });
  }

  private void markCommitted(Map<TopicPartition, OffsetAndMetadata> done) {
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : done.entrySet()) {
      PartitionState state = owned.get(e.getKey().partition());
      if (state != null) {
        state.committed(e.getValue().offset());
      }
    }
  }

  private Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionState> states) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionState state : states) {
      if (state.hasNewCommit()) {
        offsets.put(
            new TopicPartition(topic, state.partition()),
            new OffsetAndMetadata(state.committable()));
      }
    }
    return offsets;
  }

  private void refreshGauges() {
    long lagSum = 0;
    long gapSum = 0;
    for (PartitionState state : owned.values()) {
      OptionalLong partitionLag = consumer.currentLag(new TopicPartition(topic, state.partition()));
      lagSum += partitionLag.orElse(0);
      gapSum += state.gap();
    }
    lag = lagSum;
    commitGap = gapSum;
  }

  /**
   * Waits until {@code states}' dispatched messages are finished or {@code deadline}, revokes them
   * and commits their lowest unfinished offsets synchronously; then they are detached.
   */
  private void drainAndCommit(List<PartitionState> states, long deadline) {
    if (states.isEmpty()) {
      return;
    }
    int unfinished = dispatcher.drain(states, deadline, ticker);
    if (unfinished > 0) {
      log.warn(
          "{} message(s) of {} {} not finished within the drain timeout; they and the finished"
              + " messages after them will be redelivered",
          unfinished,
          topic,
          states);
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = committable(states);
    if (!offsets.isEmpty()) {
      try {
        consumer.commitSync(offsets, COMMIT_TIMEOUT);
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
          log.debug("committed {} at {}", e.getKey(), e.getValue().offset());
        }
      } catch (RuntimeException e) {
        log.warn("committing {} failed; those messages will be redelivered", offsets, e);
      }
    }
    for (PartitionState state : states) {
      state.detach();
    }
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      owned.put(tp.partition(), new PartitionState(tp.partition()));
    }
    if (paused && !partitions.isEmpty()) {
      consumer.pause(partitions);
    }
    log.debug("{} assigned {}", topic, partitions);
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    List<PartitionState> states = take(partitions);
    if (aborted) {
      states.forEach(PartitionState::detach);
      return;
    }
    long deadline = ticker.read() + drainTimeoutNanos;
    if (stopRequested) {
      deadline = Math.min(deadline, stopDeadline);
    }
    drainAndCommit(states, deadline);
    log.debug("{} revoked {}", topic, partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    take(partitions).forEach(PartitionState::detach);
    log.warn("{} lost {}; their uncommitted messages will be redelivered", topic, partitions);
  }

  private List<PartitionState> take(Collection<TopicPartition> partitions) {
    List<PartitionState> states = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      PartitionState state = owned.remove(tp.partition());
      if (state != null) {
        states.add(state);
      }
    }
    return states;
  }

  private void close() {
    try {
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    } catch (RuntimeException e) {
      log.warn("closing the consumer of {} failed", topic, e);
    }
    lag = 0;
    commitGap = 0;
  }
}
