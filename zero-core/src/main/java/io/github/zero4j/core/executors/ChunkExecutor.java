package io.github.zero4j.core.executors;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects sized tasks (log lines, messages, rows) and hands them to a consumer in batches: when
 * their sizes add up to {@link Builder#chunkBytes(int)}, or when the flush interval ticks with a
 * partial batch waiting (go-zero's {@code executors.ChunkExecutor}). The task that reaches the
 * limit is part of the batch it completes, so a batch exceeds the limit by less than the size of
 * its last task, and a task larger than the limit completes its batch at once.
 *
 * <pre>{@code
 * ChunkExecutor<byte[]> shipper = ChunkExecutor.<byte[]>builder(chunks -> sink.write(chunks))
 *     .name("logs").chunkBytes(256 * 1024).build();
 * shipper.add(line, line.length);
 * }</pre>
 *
 * <p>Threading, error handling, ticks and back-pressure are those of {@link BulkExecutor}, with
 * sizes in place of task counts: {@link #add} blocks while a full chunk already waits for the
 * consumer. Thread-safe.
 *
 * @param <T> the task type
 */
public interface ChunkExecutor<T> extends AutoCloseable {

  /** Chunk size unless set: {@value} bytes (1 MiB), go-zero's {@code defaultChunkSize}. */
  int DEFAULT_CHUNK_BYTES = 1024 * 1024;

  /** Flush interval unless set: 1 s, go-zero's {@code defaultFlushInterval}. */
  Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);

  /** Name unless set: {@value}. */
  String DEFAULT_NAME = "chunk";

  /** The name, also the suffix of the flusher thread's name. */
  String name();

  /**
   * Adds a task of {@code size} bytes (or any unit the chunk size is counted in), blocking while a
   * full chunk is already waiting for the consumer. A size of 0 counts as 1, so that every queued
   * task is accounted for.
   *
   * @throws IllegalArgumentException if {@code size} is negative
   * @throws IllegalStateException if the executor is closed
   */
  void add(T task, int size);

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

  /** Builds a {@link ChunkExecutor}. Each setter validates its argument at once. */
  final class Builder<T> {
    private final Consumer<? super List<T>> consumer;
    private String name = DEFAULT_NAME;
    private int chunkBytes = DEFAULT_CHUNK_BYTES;
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

    /** Size at which a chunk is flushed, positive; default {@value #DEFAULT_CHUNK_BYTES}. */
    public Builder<T> chunkBytes(int chunkBytes) {
      if (chunkBytes <= 0) {
        throw new IllegalArgumentException("chunkBytes: " + chunkBytes + " (expected: > 0)");
      }
      this.chunkBytes = chunkBytes;
      return this;
    }

    /** How often a partial chunk is flushed, positive; default 1 s. */
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
    public ChunkExecutor<T> build() {
      return new DefaultChunkExecutor<>(
          PeriodicalExecutor.start(
              name,
              chunkBytes,
              flushInterval,
              ticker,
              DefaultChunkExecutor.Sized::size,
              DefaultChunkExecutor.Sized::task,
              consumer,
              flushOnShutdown));
    }
  }
}
