package io.github.zero4j.stores.limit;

/**
 * The answer of {@link PeriodLimiter#take(String)}: go-zero's {@code Allowed}, {@code HitQuota} and
 * {@code OverQuota}. {@link #HIT_QUOTA} admits the request too: it was the last one the window had
 * room for.
 */
public enum PeriodResult {
  /** Admitted, and the window has room for more (Lua code 1). */
  ALLOWED,
  /** Admitted as the last request of the window (Lua code 2). */
  HIT_QUOTA,
  /** Refused: the window's quota is used up (Lua code 0). */
  OVER_QUOTA;

  /** Whether the request may proceed: {@link #ALLOWED} or {@link #HIT_QUOTA}. */
  public boolean admitted() {
    return this != OVER_QUOTA;
  }
}
