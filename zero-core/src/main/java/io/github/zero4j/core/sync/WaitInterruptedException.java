package io.github.zero4j.core.sync;

/**
 * Thrown when a thread blocked waiting for another caller's work (a call in flight, a per-key lock,
 * a resource fetch) is interrupted. The thread's interrupt flag is still set when this is thrown,
 * and the work it was waiting for carries on.
 */
public final class WaitInterruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WaitInterruptedException(String message) {
    super(message);
  }
}
