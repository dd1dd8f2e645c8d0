package io.github.zero4j.core.limit;

/** {@link TokenBucket#noop()}: grants everything, ignores rate changes. Thread-safe (stateless). */
final class NoopTokenBucket implements TokenBucket {
  static final NoopTokenBucket INSTANCE = new NoopTokenBucket();

  private NoopTokenBucket() {}

  @Override
  public String name() {
    return "noop";
  }

  @Override
  public boolean allow() {
    return true;
  }

  @Override
  public boolean allow(int permits) {
    if (permits < 0) {
      throw new IllegalArgumentException("permits: " + permits + " (expected: >= 0)");
    }
    return true;
  }

  @Override
  public double rate() {
    return Double.POSITIVE_INFINITY;
  }

  @Override
  public int burst() {
    return Integer.MAX_VALUE;
  }

  @Override
  public void setRate(double rate) {}

  @Override
  public void setRate(double rate, int burst) {}

  @Override
  public String toString() {
    return "TokenBucket.noop()";
  }
}
