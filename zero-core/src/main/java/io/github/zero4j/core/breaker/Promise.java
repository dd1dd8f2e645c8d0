package io.github.zero4j.core.breaker;

/**
 * The outcome report for one call that {@link Breaker#allow()} let through. The caller must invoke
 * exactly one of {@link #accept()} or {@link #reject(String)} once the call has finished; the
 * breaker does not check this (a promise carries no per-call state, so it costs no allocation).
 */
public interface Promise {

  /** Records the call as a success. */
  void accept();

  /**
   * Records the call as a failure and keeps {@code reason} among the breaker's latest failure
   * reasons, which it logs when it starts dropping calls.
   */
  void reject(String reason);
}
