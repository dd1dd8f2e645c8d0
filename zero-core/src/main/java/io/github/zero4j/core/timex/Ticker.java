package io.github.zero4j.core.timex;

/**
 * A monotonic time source in nanoseconds, for measuring elapsed time only (not wall-clock time).
 *
 * <p>{@link #system()} reads {@link System#nanoTime()} on every call (about 21 ns on the reference
 * machine); {@link #coarse()} reads a value that a daemon thread refreshes every millisecond, for
 * hot paths that only need to know which 250 ms bucket they are in. Tests pass a fake that they
 * advance by hand. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Ticker {

  /** Nanoseconds since an arbitrary origin; never decreases. */
  long read();

  /** {@link System#nanoTime()}. */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }

  /**
   * A ticker with millisecond resolution whose {@link #read()} is one volatile load. Its daemon
   * thread ({@code zero4j-core-coarse-clock}) starts on first use; it parks after one to two
   * seconds without a read, and the next read takes {@link System#nanoTime()} itself and wakes it.
   */
  static Ticker coarse() {
    return CoarseTicker.INSTANCE;
  }
}
