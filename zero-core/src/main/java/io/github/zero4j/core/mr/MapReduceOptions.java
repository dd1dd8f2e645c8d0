package io.github.zero4j.core.mr;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link MapReduce} run executes: the worker bound, an optional caller {@link Cancellation}
 * and an optional executor. Immutable.
 *
 * <pre>{@code
 * MapReduceOptions options = MapReduceOptions.builder().workers(4).build();
 * }</pre>
 */
public final class MapReduceOptions {
  /** go-zero's {@code defaultWorkers}: at most {@value} mappers run at once. */
  public static final int DEFAULT_WORKERS = 16;

  private static final MapReduceOptions DEFAULTS = new Builder().build();

  private final int workers;
  private final @Nullable Cancellation cancellation;
  private final @Nullable Executor executor;

  private MapReduceOptions(Builder builder) {
    this.workers = builder.workers;
    this.cancellation = builder.cancellation;
    this.executor = builder.executor;
  }

  /** {@value #DEFAULT_WORKERS} workers, no cancellation handle, the shared executor. */
  public static MapReduceOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder().workers(workers);
    builder.cancellation = cancellation;
    builder.executor = executor;
    return builder;
  }

  /** The most mappers that run at once. */
  public int workers() {
    return workers;
  }

  public Optional<Cancellation> cancellation() {
    return Optional.ofNullable(cancellation);
  }

  /** The executor for the generator and mappers; empty means the shared default. */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }

  /** Builds {@link MapReduceOptions}. Not thread-safe. */
  public static final class Builder {
    private int workers = DEFAULT_WORKERS;
    private @Nullable Cancellation cancellation;
    private @Nullable Executor executor;

    private Builder() {}

    /**
     * The most mappers that run at once (default {@value MapReduceOptions#DEFAULT_WORKERS}).
     * go-zero's {@code WithWorkers}, which silently raises values below 1; here they are rejected.
     */
    public Builder workers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("workers: " + workers + " (expected: >= 1)");
      }
      this.workers = workers;
      return this;
    }

    /** A handle the caller can use to cancel the run. go-zero's {@code WithContext}. */
    public Builder cancellation(Cancellation cancellation) {
      this.cancellation = requireNonNull(cancellation, "cancellation");
      return this;
    }

    /**
     * Runs the generator and mappers on {@code executor} instead of the shared default (virtual
     * threads on JDK 21+, a platform pool otherwise). If it rejects a mapper, the mapper runs in
     * the generator's thread; if it rejects the generator, the generator gets a thread of its own.
     */
    public Builder executor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    public MapReduceOptions build() {
      return new MapReduceOptions(this);
    }
  }
}
