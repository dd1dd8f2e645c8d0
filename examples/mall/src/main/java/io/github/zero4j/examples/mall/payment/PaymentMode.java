package io.github.zero4j.examples.mall.payment;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * The demo switch's state: how payment-rpc answers {@code Pay}.
 *
 * @param mode {@code normal}, {@code slow} (waits {@code delayMs} first, so callers time out),
 *     {@code fail} (refuses with 4001) or {@code down} (UNAVAILABLE: an outage a breaker counts)
 * @param delayMs the wait of {@code slow}, milliseconds
 */
record PaymentMode(String mode, long delayMs) {
  static final String NORMAL = "normal";
  static final String SLOW = "slow";
  static final String FAIL = "fail";
  static final String DOWN = "down";

  /** The longest {@code slow} wait accepted. */
  static final long MAX_DELAY_MS = 60_000;

  static final PaymentMode DEFAULT = new PaymentMode(NORMAL, 0);

  PaymentMode {
    requireNonNull(mode, "mode");
    mode = mode.toLowerCase(Locale.ROOT);
    if (!mode.equals(NORMAL) && !mode.equals(SLOW) && !mode.equals(FAIL) && !mode.equals(DOWN)) {
      throw new IllegalArgumentException(
          "mode: " + mode + " (expected: one of normal, slow, fail, down)");
    }
    if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
      throw new IllegalArgumentException(
          "delayMs: " + delayMs + " (expected: in [0:" + MAX_DELAY_MS + "])");
    }
  }
}
