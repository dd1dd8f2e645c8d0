package io.github.zero4j.examples.mall.payment;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Payment ids: {@code PAY}, then a number that grows with time and never repeats in this process
 * (milliseconds × 1000 plus a sequence), then 4 random hex digits chosen per process, so two
 * payment-rpc instances never mint the same id.
 */
final class PaymentIds {
  private final AtomicLong last = new AtomicLong();
  private final String instance;

  PaymentIds() {
    byte[] bytes = new byte[2];
    new SecureRandom().nextBytes(bytes);
    this.instance = HexFormat.of().formatHex(bytes);
  }

  /** The next id, e.g. {@code PAY1764181234567000a3f2}. */
  String next() {
    long now = System.currentTimeMillis() * 1000;
    long id = last.updateAndGet(previous -> Math.max(previous + 1, now));
    return "PAY" + id + instance;
  }
}
