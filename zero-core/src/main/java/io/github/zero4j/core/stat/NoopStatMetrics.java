package io.github.zero4j.core.stat;

/** {@link StatMetrics#noop()}: records nothing, logs nothing, starts no thread. */
final class NoopStatMetrics implements StatMetrics {
  static final NoopStatMetrics INSTANCE = new NoopStatMetrics();

  private static final StatReport EMPTY = new StatReport("noop", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  private NoopStatMetrics() {}

  @Override
  public String name() {
    return EMPTY.name();
  }

  @Override
  public void add(long durationNanos) {}

  @Override
  public void addDrop() {}

  @Override
  public StatReport report() {
    return EMPTY;
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "StatMetrics.noop()";
  }
}
