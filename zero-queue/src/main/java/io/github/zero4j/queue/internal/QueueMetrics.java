package io.github.zero4j.queue.internal;

import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.core.stat.StatReport;
import io.github.zero4j.core.stat.ZeroMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue's metrics: Micrometer gauges and counters (go-queue has none) and go-zero's per-minute
 * stat line, followed by a line with the queue's own numbers for the same minute:
 *
 * <pre>
 * (orders) - qps: 812.4/s, drops: 2, avg time: 1.2ms, med: 1.0ms, 90th: 2.1ms, 99th: 5.0ms, ...
 * (orders) - lag: 12, in-flight: 40, commit gap: 35, retries: 9, dead-lettered: 2, failed: 2
 * </pre>
 *
 * Drops in the stat line are messages given up (dead-lettered or skipped). Gauges carry an {@code
 * instance} tag so two queues of one topic and group in a process do not share a series; they are
 * removed on {@link #close()}. Thread-safe.
 */
public final class QueueMetrics implements AutoCloseable {
  /** Gauge: messages not fetched yet (high watermark minus position), summed over partitions. */
  public static final String LAG = "kq_consumer_lag";

  /** Gauge: messages fetched and not finished. */
  public static final String IN_FLIGHT = "kq_consumer_in_flight";

  /** Gauge: fetched offsets the commit cannot cover yet (behind an unfinished message). */
  public static final String COMMIT_GAP = "kq_consumer_commit_gap";

  /** Counter: messages handled successfully. */
  public static final String HANDLED = "kq_consumer_handled_total";

  /** Counter: retries. */
  public static final String RETRIES = "kq_consumer_retries_total";

  /** Counter: messages written to the dead-letter topic. */
  public static final String DEAD_LETTERED = "kq_consumer_dead_lettered_total";

  /** Counter: messages given up (dead-lettered or skipped). */
  public static final String FAILED = "kq_consumer_failed_total";

  private static final Logger statLog = LoggerFactory.getLogger(StatMetrics.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final String name;
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final Counter handled;
  private final Counter retries;
  private final Counter deadLettered;
  private final Counter failed;
  private final LongAdder minuteRetries = new LongAdder();
  private final LongAdder minuteDeadLettered = new LongAdder();
  private final LongAdder minuteFailed = new LongAdder();
  private final LongSupplier lag;
  private final LongSupplier inFlight;
  private final LongSupplier commitGap;
  private final StatMetrics stat;

  public QueueMetrics(
      ZeroMeters zeroMeters,
      String name,
      String topic,
      String group,
      LongSupplier lag,
      LongSupplier inFlight,
      LongSupplier commitGap) {
    this.name = name;
    this.registry = zeroMeters.registry();
    this.lag = lag;
    this.inFlight = inFlight;
    this.commitGap = commitGap;
    String instance = Integer.toString(INSTANCES.getAndIncrement());
    gauge(LAG, "messages not fetched yet", lag, topic, group, instance);
    gauge(IN_FLIGHT, "messages fetched and not finished", inFlight, topic, group, instance);
    gauge(COMMIT_GAP, "offsets behind an unfinished message", commitGap, topic, group, instance);
    handled = zeroMeters.counter(HANDLED, "messages handled", "topic", topic, "group", group);
    retries = zeroMeters.counter(RETRIES, "handler retries", "topic", topic, "group", group);
    deadLettered =
        zeroMeters.counter(DEAD_LETTERED, "messages dead-lettered", "topic", topic, "group", group);
    failed = zeroMeters.counter(FAILED, "messages given up", "topic", topic, "group", group);
    stat = StatMetrics.builder(name).listener(this::logQueueLine).build();
  }

  private void gauge(
      String gaugeName,
      String help,
      LongSupplier value,
      String topic,
      String group,
      String instance) {
    meters.add(
        Gauge.builder(gaugeName, value, LongSupplier::getAsLong)
            .description(help)
            .tag("topic", topic)
            .tag("group", group)
            .tag("instance", instance)
            .register(registry));
  }

  /** A message handled successfully in {@code nanos}. */
  public void handled(long nanos) {
    stat.add(nanos);
    handled.increment();
  }

  public void retried() {
    retries.increment();
    minuteRetries.increment();
  }

  public void deadLettered() {
    deadLettered.increment();
    minuteDeadLettered.increment();
  }

  /** A message given up: a drop in the stat line. */
  public void failed() {
    stat.addDrop();
    failed.increment();
    minuteFailed.increment();
  }

  private void logQueueLine(StatReport report) {
    statLog.info(
        "({}) - lag: {}, in-flight: {}, commit gap: {}, retries: {}, dead-lettered: {}, failed: {}",
        name,
        lag.getAsLong(),
        inFlight.getAsLong(),
        commitGap.getAsLong(),
        minuteRetries.sumThenReset(),
        minuteDeadLettered.sumThenReset(),
        minuteFailed.sumThenReset());
  }

  /** Logs the last partial minute, stops the stat line and removes the gauges. */
  @Override
  public void close() {
    stat.close();
    for (Meter meter : meters) {
      registry.remove(meter);
    }
  }
}
