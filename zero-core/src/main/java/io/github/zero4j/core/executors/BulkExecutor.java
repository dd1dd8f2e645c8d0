package io.github.zero4j.core.executors;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects tasks and hands them to a consumer in batches: when {@link Builder#bulkTasks(int)} tasks
 * have accumulated, or when the flush interval ticks with a partial batch waiting (go-zero's {@code
 * executors.BulkExecutor}).
 *
 * <pre>{@code
 * BulkExecutor<Row> inserter = BulkExecutor.<Row>builder(rows -> dao.insertAll(rows))
 *     .name("rows").bulkTasks(500).flushInterval(Duration.ofMillis(200)).build();
 * inserter.add(row);   // blocks only while a full batch waits for the consumer
 * inserter.close();    // everything added so far is inserted before close() returns
 * }</pre>
 *
 * <p>The consumer runs on one thread, {@code zero4j-core-executor-<name>}, one batch at a time; it
 * receives a fresh list it may keep. A consumer that throws is logged through SLF4J and its batch
 * is dropped; later batches still run. A tick is skipped when a full batch ran since the previous
 * tick, so a partial batch waits between one and two intervals after a full one (as in go-zero).
 *
 * <p>Back-pressure: while the consumer is busy the next batch keeps filling; once it is full too,
 * {@link #add} blocks until the consumer takes it (go-zero blocks the producer the same way). An
 * interrupted {@code add} stops waiting (the task stays queued) and keeps the interrupt flag.
 *
 * <p>Thread-safe: any number of threads may add. {@link #add} is two atomic operations on a JCTools
 * MPSC queue unless it has to wait.
 *
 * @param <T> the task type
 */
public interface BulkExecutor<T> extends AutoCloseable {

  /** Tasks per batch unless set: {@value}, go-zero's {@code defaultBulkTasks}. */
  int DEFAULT_BULK_TASKS = 1000;

  /** Flush interval unless set: 1 s, go-zero's {@code defaultFlushInterval}. */
  Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

  /** Name unless set: {@value}. */
  String DEFAULT_NAME = "bulk";

  /** The name, also the suffix of the flusher thread's name. */
  String name();

  /**
   * Adds a task, blocking while a full batch is already waiting for the consumer.
   *
   * @throws IllegalStateException if the executor is closed
   */
  void add(T task);

  /**
   * Executes every task added so far in the calling thread, after any batch the flusher is running,
   * and returns when they are done (go-zero's {@code Flush} and {@code Wait}).
   */
  void flush();

  /**
   * Delivers every task added before this call to the consumer, stops the flusher thread and
   * returns when both are done. Later adds throw. Idempotent.
   */
  @Override
  void close();

  /** A builder for an executor that hands batches to {@code consumer}. */
  static <T> Builder<T> builder(Consumer<? super List<T>> consumer) {
    return new Builder<>(consumer);
  }

  /** Builds a {@link BulkExecutor}. Each setter validates its argument at once. */
  final class Builder<T> {
    private final Consumer<? super List<T>> consumer;
    private String name = DEFAULT_NAME;
    private int bulkTasks = DEFAULT_BULK_TASKS;
    private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
    private Ticker ticker = Ticker.system();
    private boolean flushOnShutdown = true;

    Builder(Consumer<? super List<T>> consumer) {
      this.consumer = requireNonNull(consumer, "consumer");
    }

    /** Name of the executor and suffix of its thread's name; default {@value #DEFAULT_NAME}. */
    public Builder<T> name(String name) {
      this.name = PeriodicalExecutor.checkName(name);
      return this;
    }

    /** Tasks per batch, positive; default {@value #DEFAULT_BULK_TASKS}. */
    public Builder<T> bulkTasks(int bulkTasks) {
      if (bulkTasks <= 0) {
        throw new IllegalArgumentException("bulkTasks: " + bulkTasks + " (expected: > 0)");
      }
      this.bulkTasks = bulkTasks;
      return this;
    }

    /** How often a partial batch is flushed, positive; default 1 s. */
    public Builder<T> flushInterval(Duration flushInterval) {
      this.flushInterval = PeriodicalExecutor.checkInterval(flushInterval);
      return this;
    }

    /** The clock the interval is measured on; default {@link Ticker#system()}. */
    public Builder<T> ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Whether a JVM shutdown hook closes the executor (flushing it), as go-zero's shutdown listener
     * does; default true. {@link #close()} removes the hook.
     */
    public Builder<T> flushOnShutdown(boolean flushOnShutdown) {
      this.flushOnShutdown = flushOnShutdown;
      return this;
    }

    /** Starts the executor and its flusher thread. */
    public BulkExecutor<T> build() {
      return new DefaultBulkExecutor<>(
          PeriodicalExecutor.start(
              name,
              bulkTasks,
              flushInterval,
              ticker,
              task -> 1,
              task -> task,
              consumer,
              flushOnShutdown));
    }
  }
}
