package io.github.zero4j.queue.inproc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.queue.ConsumeHandler;
import io.github.zero4j.queue.ErrorHandler;
import io.github.zero4j.queue.Message;
import io.github.zero4j.queue.MessageHandler;
import io.github.zero4j.queue.MessageQueue;
import io.github.zero4j.queue.internal.ConsumerCore;
import io.github.zero4j.queue.internal.ConsumerSettings;
import io.github.zero4j.queue.internal.Dispatcher;
import io.github.zero4j.queue.internal.InFlight;
import io.github.zero4j.queue.internal.PartitionState;
import io.github.zero4j.queue.internal.QueueMetrics;
import io.github.zero4j.queue.kq.KqConf;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process twin of {@code kq.KafkaQueue}: same {@link KqConf}, same handler, retry,
 * dead-letter, ordering, back-pressure and commit contract, on a topic of an {@link InProcBroker}.
 *
 * <p>One dispatcher thread ({@code zero4j-queue-inproc-<topic>}) fetches from the topic's single
 * partition into the same key lanes and workers as the Kafka queue, and commits the lowest
 * unfinished offset after every step (the topic then drops what every group has committed). It
 * fetches no more than {@code MaxInFlight} unfinished messages, exactly. {@code Conns}, {@code
 * Consumers}, {@code Brokers}, the fetch sizes and the security keys have no meaning here; the
 * dead-letter topic is another topic of the same broker. One running queue per group and topic.
 *
 * <p>Thread-safe.
 */
public final class InProcQueue implements MessageQueue {
  private static final Logger log = LoggerFactory.getLogger(InProcQueue.class);

  /** Messages fetched per step at most (Kafka's max.poll.records default). */
  private static final int FETCH_MAX = 500;

  /** An idle or paused dispatcher re-checks at least this often. */
  private static final long WAIT_NANOS = Duration.ofMillis(100).toNanos();

  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int STOPPED = 2;

  private final InProcBroker broker;
  private final KqConf conf;
  private final MessageHandler handler;
  private final ErrorHandler errorHandler;
  private final Tracing tracing;
  private final ZeroMeters meters;
  private final Ticker ticker;
  private final AtomicInteger state = new AtomicInteger(NEW);

  /** Serialises start, stop and abort, and publishes what start builds to stop. */
  private final ReentrantLock lifecycle = new ReentrantLock();

  private @Nullable Thread thread;
  private volatile @Nullable ConsumerCore<InProcDelivery> core;
  private @Nullable QueueMetrics metrics;
  private volatile boolean stopRequested;
  private volatile boolean aborted;
  private volatile long stopDeadline;
  private volatile long lag;
  private volatile long commitGap;

  private InProcQueue(Builder b) {
    this.broker = b.broker;
    this.conf = b.conf;
    this.handler = b.handler;
    this.errorHandler = b.errorHandler;
    this.tracing = b.tracing;
    this.meters = b.meters;
    this.ticker = b.ticker;
  }

  public static Builder builder(InProcBroker broker, KqConf conf, MessageHandler handler) {
    return new Builder(broker, conf, handler);
  }

  public static Builder builder(InProcBroker broker, KqConf conf, ConsumeHandler handler) {
    return new Builder(broker, conf, requireNonNull(handler, "handler").asMessageHandler());
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
   * Joins the topic's group and starts dispatching.
   *
   * @throws IllegalStateException if started before, or the group already has a running queue
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
    InProcTopic topic = broker.topic(conf.topic());
    InProcDeadLetters deadLetters =
        conf.hasDeadLetterTopic()
            ? new InProcDeadLetters(
                broker.topic(conf.deadLetterTopic()),
                conf.group(),
                broker.deliveryTimeout().toNanos())
            : null;
    QueueMetrics m =
        new QueueMetrics(
            meters,
            conf.displayName(),
            conf.topic(),
            conf.group(),
            () -> lag,
            () -> {
              ConsumerCore<InProcDelivery> c = core;
              return c == null ? 0 : c.inFlight().count();
            },
            () -> commitGap);
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
    ConsumerCore<InProcDelivery> c =
        new ConsumerCore<>(settings, handler, errorHandler, deadLetters, tracing, m, ticker);
    core = c;
    metrics = m;
    Driver driver = new Driver(topic, c.newDispatcher(), c.inFlight());
    Thread runner = new Thread(driver, "zero4j-queue-inproc-" + conf.topic());
    runner.setDaemon(true);
    try {
      driver.next = topic.join(conf.group(), conf.offset().equals(KqConf.FIRST), runner);
    } catch (RuntimeException e) {
      c.shutdown();
      m.close();
      state.set(STOPPED);
      throw e;
    }
    thread = runner;
    runner.start();
  }

  /** The dispatcher thread's loop; its fields belong to that thread once started. */
  private final class Driver implements Runnable {
    private final InProcTopic topic;
    private final Dispatcher<InProcDelivery> dispatcher;
    private final InFlight inFlight;
    private final PartitionState partition = new PartitionState(0);
    private long next;
    private boolean paused;

    Driver(InProcTopic topic, Dispatcher<InProcDelivery> dispatcher, InFlight inFlight) {
      this.topic = topic;
      this.dispatcher = dispatcher;
      this.inFlight = inFlight;
    }

    @Override
    public void run() {
      try {
        while (!stopRequested) {
          step();
        }
        if (!aborted) {
          int unfinished = dispatcher.drain(List.of(partition), stopDeadline, ticker);
          if (unfinished > 0) {
            log.warn(
                "{} message(s) of {} not finished within the drain timeout; they will be"
                    + " redelivered",
                unfinished,
                topic());
          }
          commit();
        }
        partition.detach();
      } catch (RuntimeException e) {
        log.error("the dispatcher of in-process topic {} failed", topic(), e);
      } finally {
        topic.leave(conf.group());
      }
    }

    private void step() {
      dispatcher.drainCompletions();
      commit();
      lag = Math.max(0, topic.end() - next);
      commitGap = partition.gap();
      if (!paused && inFlight.full()) {
        paused = true;
      } else if (paused && inFlight.canResume()) {
        paused = false;
      }
      if (paused) {
        inFlight.awaitCapacity(WAIT_NANOS);
        return;
      }
      List<Message> batch = topic.fetch(next, Math.min(FETCH_MAX, inFlight.room()));
      if (batch.isEmpty()) {
        // Appends to the topic and completions both unpark this thread.
        dispatcher.awaitCompletions(WAIT_NANOS);
        return;
      }
      for (Message m : batch) {
        dispatcher.submit(new InProcDelivery(partition, m));
        next = m.offset() + 1;
      }
    }

    private void commit() {
      if (partition.hasNewCommit()) {
        long offset = partition.committable();
        topic.commit(conf.group(), offset);
        partition.committed(offset);
      }
    }
  }

  /**
   * Stops fetching, lets the fetched messages finish (up to {@code DrainTimeout}), commits and
   * leaves the group. Idempotent.
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
    stopDeadline = ticker.read() + conf.drainTimeout().toNanos();
    halt();
  }

  /**
   * Test hook, a crash: stops at once without draining or committing; running handlers are
   * interrupted and everything uncommitted is redelivered to the group's next queue.
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
    aborted = true;
    ConsumerCore<InProcDelivery> c = core;
    if (c != null) {
      c.abort();
    }
    halt();
  }

  private void halt() {
    stopRequested = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
      boolean interrupted = false;
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    ConsumerCore<InProcDelivery> c = core;
    if (c != null) {
      c.shutdown();
    }
    QueueMetrics m = metrics;
    if (m != null) {
      m.close();
    }
  }

  @Override
  public String toString() {
    return "InProcQueue(" + conf.topic() + ", " + conf.group() + ")";
  }

  /** Builds an {@link InProcQueue}. Not thread-safe. */
  public static final class Builder {
    private final InProcBroker broker;
    private final KqConf conf;
    private final MessageHandler handler;
    private ErrorHandler errorHandler = InProcQueue::logError;
    private Tracing tracing = Tracing.global();
    private ZeroMeters meters = ZeroMeters.global();
    private Ticker ticker = Ticker.system();

    Builder(InProcBroker broker, KqConf conf, MessageHandler handler) {
      this.broker = requireNonNull(broker, "broker");
      this.conf = requireNonNull(conf, "conf");
      this.handler = requireNonNull(handler, "handler");
    }

    /** Told about messages given up; default logs them at WARN. */
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

    /** Measures drain deadlines and handler durations. */
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    public InProcQueue build() {
      return new InProcQueue(this);
    }
  }

  private static void logError(Message message, Throwable error) {
    log.warn(
        "consume: {}@{} key={}, error: {}",
        message.topic(),
        message.offset(),
        message.key(),
        error.toString());
  }
}
