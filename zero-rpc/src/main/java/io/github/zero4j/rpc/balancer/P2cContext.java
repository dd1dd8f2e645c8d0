package io.github.zero4j.rpc.balancer;

import io.github.zero4j.core.timex.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one {@code p2c_ewma} balancer shares across its successive pickers: the clock, the random
 * draws, the picker now in use and the once-a-minute stats line. Thread-safe.
 */
final class P2cContext {
  /** How often the stats line is logged (go-zero's logInterval). */
  static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private static final Logger LOG = LoggerFactory.getLogger(P2cEwmaLoadBalancerProvider.class);

  private final Ticker ticker;
  private final Draws draws;
  private final AtomicLong logDue;
  private volatile @Nullable P2cPicker current;

  P2cContext(Ticker ticker, Draws draws) {
    this.ticker = ticker;
    this.draws = draws;
    this.logDue = new AtomicLong(ticker.read() + LOG_INTERVAL_NANOS);
  }

  Ticker ticker() {
    return ticker;
  }

  Draws draws() {
    return draws;
  }

  /** The balancer published {@code picker} (null: no READY endpoint any more). */
  void current(@Nullable P2cPicker picker) {
    current = picker;
  }

  /**
   * Called on every completion, as go-zero does in its Done callback: once {@link
   * #LOG_INTERVAL_NANOS} has passed, the one caller that wins the CAS on the due time logs {@code
   * p2c - conn: <addr>, load: <load>, reqs: <n>; ...} at INFO and resets the request counters.
   */
  void maybeLogStats(long now) {
    long due = logDue.get();
    if (now - due < 0 || !logDue.compareAndSet(due, now + LOG_INTERVAL_NANOS)) {
      return;
    }
    P2cPicker picker = current;
    if (picker != null) {
      String line = picker.statsLine();
      if (LOG.isInfoEnabled()) {
        LOG.info(line);
      }
    }
  }
}
