package io.github.zero4j.core.executors;

import static java.util.Objects.requireNonNull;

/** {@link BulkExecutor} over the batching engine; every task weighs 1. Thread-safe. */
final class DefaultBulkExecutor<T> implements BulkExecutor<T> {
  private final PeriodicalExecutor<T, T> engine;

  DefaultBulkExecutor(PeriodicalExecutor<T, T> engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return engine.name();
  }

  @Override
  public void add(T task) {
    engine.add(requireNonNull(task, "task"));
  }

  @Override
  public void flush() {
    engine.flush();
  }

  @Override
  public void close() {
    engine.close();
  }

  PeriodicalExecutor<T, T> engine() {
    return engine;
  }

  @Override
  public String toString() {
    return "BulkExecutor{name=" + engine.name() + "}";
  }
}
