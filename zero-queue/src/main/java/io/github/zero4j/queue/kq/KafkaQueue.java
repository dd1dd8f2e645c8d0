package io.github.zero4j.queue.kq;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.queue.ConsumeHandler;
import io.github.zero4j.queue.ErrorHandler;
import io.github.zero4j.queue.MessageHandler;
import io.github.zero4j.queue.MessageQueue;
import io.github.zero4j.queue.internal.ConsumerCore;
import io.github.zero4j.queue.internal.ConsumerSettings;
import io.github.zero4j.queue.internal.QueueMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * go-queue's {@code kq} consumer on kafka-clients, at least once for real: every message is handled
 * before its offset is committed, whatever the parallelism.
 *
 * <pre>{@code
 * KafkaQueue queue = KafkaQueue.create(conf, (key, value) -> orders.updatePayStatus(value));
 * ServiceGroup.of(queue).stopOnShutdown().start();
 * }</pre>
 *
 * <h2>How it works</h2>
 *
 * <ul>
 *   <li>{@code Conns * Consumers} poll threads ({@code zero4j-queue-poll-<topic>-<n>}), each a
 *       group member with its own {@code KafkaConsumer} (cooperative-sticky assignment, auto-commit
 *       off). Only that thread touches its consumer; workers report back through a queue.
 *   <li>Messages go to per-key lanes: one key's messages run one at a time in offset order,
 *       different keys in parallel on worker threads (virtual threads on JDK 21+), at most {@code
 *       Conns * Processors} handler calls at once. Parallelism is not bounded by the partition
 *       count.
 *   <li>Each partition commits its lowest unfinished offset every {@code CommitInterval}, so a
 *       commit never passes a message still running, retrying or failed (go-queue#28).
 *   <li>A failing handler is retried {@code Retries} times with exponential backoff and jitter,
 *       holding its key's lane; then the {@link ErrorHandler} is told and the message goes to the
 *       {@code DeadLetterTopic} (with {@code DeadLetterHeaders}) and is committed. Without a
 *       dead-letter topic it is skipped ({@code ForceCommit: true}, go-queue's default) or retried
 *       until it succeeds ({@code ForceCommit: false}).
 *   <li>At {@code MaxInFlight} unfinished messages fetching pauses (pause/resume); it resumes at
 *       half.
 *   <li>On revoke and on {@link #stop()}: fetching stops, the messages already fetched (running,
 *       queued or retrying) get up to {@code DrainTimeout} to finish, the offsets are committed,
 *       then the partitions are released: the next owner starts where this one stopped.
 *   <li>Metrics: Micrometer gauges {@code kq_consumer_lag}, {@code kq_consumer_in_flight}, {@code
 *       kq_consumer_commit_gap} and counters {@code kq_consumer_handled_total}, {@code
 *       kq_consumer_retries_total}, {@code kq_consumer_dead_lettered_total}, {@code
 *       kq_consumer_failed_total}; go-zero's per-minute stat line. Each handler call runs in a
 *       consumer span continuing the producer's trace from the headers.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class KafkaQueue implements MessageQueue {
  private static final Logger log = LoggerFactory.getLogger(KafkaQueue.class);

  /** kafka-clients' {@code max.poll.records} default; lowered to MaxInFlight when smaller. */
  private static final int MAX_POLL_RECORDS = 500;

  /** Numbers client ids, which kafka-clients wants unique per process (JMX names). */
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int STOPPED = 2;

  private final KqConf conf;
  private final MessageHandler handler;
  private final ErrorHandler errorHandler;
  private final Tracing tracing;
  private final ZeroMeters meters;
  private final Ticker ticker;
  private final Map<String, Object> consumerOverrides;
  private final Map<String, Object> producerOverrides;
  private final AtomicInteger state = new AtomicInteger(NEW);

  /** Serialises start, stop and abort, and publishes what start builds to stop. */
  private final ReentrantLock lifecycle = new ReentrantLock();

  // Read by the gauges on any thread.
  private final List<PollLoop> loops = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private @Nullable ConsumerCore<KafkaDelivery> core;
  private @Nullable KafkaDeadLetters deadLetters;
  private @Nullable QueueMetrics metrics;

  private KafkaQueue(Builder b) {
    this.conf = b.conf;
    this.handler = b.handler;
    this.errorHandler = b.errorHandler;
    this.tracing = b.tracing;
    this.meters = b.meters;
    this.ticker = b.ticker;
    this.consumerOverrides = Map.copyOf(b.consumerOverrides);
    this.producerOverrides = Map.copyOf(b.producerOverrides);
  }

  /** A queue for {@code conf} calling {@code handler}, with the defaults; call {@link #start()}. */
  public static KafkaQueue create(KqConf conf, MessageHandler handler) {
    return builder(conf, handler).build();
  }

  /** A queue for {@code conf} calling go-queue style {@code handler(key, value)}. */
  public static KafkaQueue create(KqConf conf, ConsumeHandler handler) {
    return builder(conf, handler).build();
  }

  public static Builder builder(KqConf conf, MessageHandler handler) {
    return new Builder(conf, handler);
  }

  public static Builder builder(KqConf conf, ConsumeHandler handler) {
    return new Builder(conf, requireNonNull(handler, "handler").asMessageHandler());
  }

  public KqConf conf() {
    return conf;
  }

  @Override
  public String topic() {
    return conf.topic();
  }

  @Override
  public String group() {
    return conf.group();
  }

  /**
   * Creates the consumers, joins the group and starts the poll threads.
   *
   * @throws IllegalStateException if started before
   * @throws org.apache.kafka.common.KafkaException if a client cannot be created (bad settings)
   */
  @Override
  public void start() {
    lifecycle.lock();
    try {
      startLocked();
    } finally {
      lifecycle.unlock();
    }
  }

  private void startLocked() {
    if (!state.compareAndSet(NEW, RUNNING)) {
      throw new IllegalStateException(this + " was already started");
    }
    int members = conf.conns() * conf.consumers();
    KafkaDeadLetters dlt =
        conf.hasDeadLetterTopic()
            ? new KafkaDeadLetters(
                conf,
                "zero4j-dlt-" + conf.group() + "-" + CLIENTS.getAndIncrement(),
                producerOverrides)
            : null;
    deadLetters = dlt;
    QueueMetrics m =
        new QueueMetrics(
            meters,
            conf.displayName(),
            conf.topic(),
            conf.group(),
            () -> sum(true),
            () -> {
              ConsumerCore<KafkaDelivery> c = core;
              return c == null ? 0 : c.inFlight().count();
            },
            () -> sum(false));
    metrics = m;
    ConsumerSettings settings =
        new ConsumerSettings(
            conf.displayName(),
            conf.topic(),
            conf.group(),
            conf.conns() * conf.processors(),
            conf.maxInFlight(),
            conf.retries(),
            conf.retryBackoff(),
            conf.retryMaxBackoff(),
            conf.forceCommit(),
            ConsumerSettings.ordering(conf.commitInOrder(), conf.keyOrdered()),
            conf.drainTimeout());
    ConsumerCore<KafkaDelivery> c =
        new ConsumerCore<>(settings, handler, errorHandler, dlt, tracing, m, ticker);
    core = c;
    try {
      for (int i = 0; i < members; i++) {
        KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(
                consumerProperties(i), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        loops.add(
            new PollLoop(
                conf.topic(),
                consumer,
                c.newDispatcher(),
                c.inFlight(),
                ticker,
                conf.commitInterval(),
                conf.drainTimeout()));
      }
    } catch (RuntimeException e) {
      stopResources();
      state.set(STOPPED);
      throw e;
    }
    for (int i = 0; i < loops.size(); i++) {
      Thread t = new Thread(loops.get(i), "zero4j-queue-poll-" + conf.topic() + "-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    log.info("consuming {} as group {} with {} member(s)", conf.topic(), conf.group(), members);
  }

  private long sum(boolean lag) {
    long total = 0;
    for (PollLoop loop : loops) {
      total += lag ? loop.lag() : loop.commitGap();
    }
    return total;
  }

  private Map<String, Object> consumerProperties(int member) {
    Map<String, Object> p = new HashMap<>();
    ClientProps.common(p, conf.brokers(), conf.caFile(), conf.username(), conf.password());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, conf.group());
    p.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        "zero4j-kq-" + conf.group() + "-" + CLIENTS.getAndIncrement() + "-" + member);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        conf.offset().equals(KqConf.FIRST) ? "earliest" : "latest");
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, conf.minBytes());
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, conf.maxBytes());
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) conf.maxWait().toMillis());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(MAX_POLL_RECORDS, conf.maxInFlight()));
    p.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    p.putAll(consumerOverrides);
    return p;
  }

  /**
   * Stops fetching, lets the fetched messages finish (up to {@code DrainTimeout}), commits, leaves
   * the group and stops the threads. Idempotent.
   */
  @Override
  public void stop() {
    lifecycle.lock();
    try {
      stopLocked();
    } finally {
      lifecycle.unlock();
    }
  }

  private void stopLocked() {
    if (!state.compareAndSet(RUNNING, STOPPED)) {
      state.compareAndSet(NEW, STOPPED);
      return;
    }
    long deadline = ticker.read() + conf.drainTimeout().toNanos();
    for (PollLoop loop : loops) {
      loop.requestStop(deadline);
    }
    joinThreads();
    stopResources();
    log.info("stopped consuming {} as group {}", conf.topic(), conf.group());
  }

  /**
   * Test hook, a crash: stops at once without draining or committing (running handlers are
   * interrupted, their messages and everything after the last periodic commit are redelivered). The
   * consumers still leave the group, so the next member need not wait for a session timeout.
   */
  void abort() {
    lifecycle.lock();
    try {
      abortLocked();
    } finally {
      lifecycle.unlock();
    }
  }

  private void abortLocked() {
    if (!state.compareAndSet(RUNNING, STOPPED)) {
      return;
    }
    ConsumerCore<KafkaDelivery> c = core;
    if (c != null) {
      c.abort();
    }
    for (PollLoop loop : loops) {
      loop.requestAbort();
    }
    joinThreads();
    stopResources();
  }

  private void joinThreads() {
    boolean interrupted = false;
    for (Thread t : threads) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void stopResources() {
    ConsumerCore<KafkaDelivery> c = core;
    if (c != null) {
      c.shutdown();
    }
    KafkaDeadLetters dlt = deadLetters;
    if (dlt != null) {
      dlt.close();
    }
    QueueMetrics m = metrics;
    if (m != null) {
      m.close();
    }
  }

  @Override
  public String toString() {
    return "KafkaQueue(" + conf.topic() + ", " + conf.group() + ")";
  }

  /** Builds a {@link KafkaQueue}. Not thread-safe. */
  public static final class Builder {
    private final KqConf conf;
    private final MessageHandler handler;
    private ErrorHandler errorHandler = KafkaQueue::logError;
    private Tracing tracing = Tracing.global();
    private ZeroMeters meters = ZeroMeters.global();
    private Ticker ticker = Ticker.system();
    private final Map<String, Object> consumerOverrides = new HashMap<>();
    private final Map<String, Object> producerOverrides = new HashMap<>();

    Builder(KqConf conf, MessageHandler handler) {
      this.conf = requireNonNull(conf, "conf");
      this.handler = requireNonNull(handler, "handler");
    }

    /** Told about messages given up; default logs them at WARN (go-queue logs them too). */
    public Builder errorHandler(ErrorHandler errorHandler) {
      this.errorHandler = requireNonNull(errorHandler, "errorHandler");
      return this;
    }

    /** Where consumer spans go; default {@link Tracing#global()}. */
    public Builder tracing(Tracing tracing) {
      this.tracing = requireNonNull(tracing, "tracing");
      return this;
    }

    /** Where metrics go; default {@link ZeroMeters#global()}. */
    public Builder meters(ZeroMeters meters) {
      this.meters = requireNonNull(meters, "meters");
      return this;
    }

    /** Measures drain deadlines, handler durations and commit intervals. */
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Any other consumer setting, applied last (e.g. {@code session.timeout.ms}). Auto-commit
     * cannot be turned on: it would commit messages not handled yet.
     */
    public Builder consumerProperty(String name, String value) {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      if (name.equals(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG) && !value.equals("false")) {
        throw new IllegalArgumentException("enable.auto.commit: " + value + " (expected: false)");
      }
      consumerOverrides.put(name, value);
      return this;
    }

    /** Any other setting of the dead-letter producer, applied last. */
    public Builder deadLetterProducerProperty(String name, String value) {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      producerOverrides.put(name, value);
      return this;
    }

    public KafkaQueue build() {
      return new KafkaQueue(this);
    }
  }

  private static void logError(io.github.zero4j.queue.Message message, Throwable error) {
    log.warn(
        "consume: {}-{}@{} key={}, error: {}",
        message.topic(),
        message.partition(),
        message.offset(),
        message.key(),
        error.toString());
  }
}
