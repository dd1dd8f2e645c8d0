package io.github.zero4j.examples.mall.infra;

import io.github.zero4j.core.conf.Default;

/**
 * A period limiter's settings, e.g. {@code LoginLimit: {Period: 60, Quota: 5}}: at most {@code
 * quota} requests per key per {@code period} seconds (go-zero's {@code NewPeriodLimit}).
 *
 * @param period the window in whole seconds, > 0 (a number, as go-zero's {@code period} argument)
 * @param quota requests admitted per window, > 0
 * @param align whether windows end on multiples of the period in local time (go-zero's {@code
 *     Align()}); off by default: a window starts with its first request
 */
public record PeriodLimitConf(int period, int quota, @Default("false") boolean align) {

  public PeriodLimitConf {
    if (period <= 0) {
      throw new IllegalArgumentException("Period: " + period + " (expected: > 0 seconds)");
    }
    if (quota <= 0) {
      throw new IllegalArgumentException("Quota: " + quota + " (expected: > 0)");
    }
  }
}
