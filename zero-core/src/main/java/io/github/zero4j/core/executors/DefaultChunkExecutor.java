package io.github.zero4j.core.executors;

import static java.util.Objects.requireNonNull;

/** {@link ChunkExecutor} over the batching engine; a task weighs its size. Thread-safe. */
final class DefaultChunkExecutor<T> implements ChunkExecutor<T> {
  private final PeriodicalExecutor<Sized<T>, T> engine;

  DefaultChunkExecutor(PeriodicalExecutor<Sized<T>, T> engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return engine.name();
  }

  @Override
  public void add(T task, int size) {
    requireNonNull(task, "task");
    if (size < 0) {
      throw new IllegalArgumentException("size: " + size + " (expected: >= 0)");
    }
    engine.add(new Sized<>(task, Math.max(1, size)));
  }

  @Override
  public void flush() {
    engine.flush();
  }

  @Override
  public void close() {
    engine.close();
  }

  PeriodicalExecutor<Sized<T>, T> engine() {
    return engine;
  }

  @Override
  public String toString() {
    return "ChunkExecutor{name=" + engine.name() + "}";
  }

  /** A queued task and the weight it counts for (at least 1). */
  record Sized<T>(T task, int size) {}
}
