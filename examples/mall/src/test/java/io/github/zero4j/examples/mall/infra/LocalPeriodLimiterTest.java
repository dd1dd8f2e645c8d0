package io.github.zero4j.examples.mall.infra;

import static io.github.zero4j.stores.limit.PeriodResult.ALLOWED;
import static io.github.zero4j.stores.limit.PeriodResult.HIT_QUOTA;
import static io.github.zero4j.stores.limit.PeriodResult.OVER_QUOTA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.timex.FakeTicker;
import io.github.zero4j.stores.limit.PeriodResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LocalPeriodLimiterTest {
  private final FakeTicker ticker = new FakeTicker();
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-01T00:00:10Z"));
  private final InstantSource clock = now::get;

  private LocalPeriodLimiter limiter(int period, int quota, boolean align, ZoneId zone) {
    return new LocalPeriodLimiter(
        "login:", new PeriodLimitConf(period, quota, align), ticker, clock, zone);
  }

  private static List<PeriodResult> take(LocalPeriodLimiter limiter, String key, int times) {
    List<PeriodResult> results = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      results.add(limiter.take(key));
    }
    return results;
  }

  @Test
  void quotaFiveGivesFourAllowedOneHitThenOver() {
    LocalPeriodLimiter limiter = limiter(60, 5, false, ZoneOffset.UTC);

    assertThat(take(limiter, "13800000000", 7))
        .containsExactly(ALLOWED, ALLOWED, ALLOWED, ALLOWED, HIT_QUOTA, OVER_QUOTA, OVER_QUOTA);
    assertThat(limiter.take("13900000000")).as("keys count apart").isEqualTo(ALLOWED);
  }

  @Test
  void quotaOneHitsAtOnce() {
    LocalPeriodLimiter limiter = limiter(60, 1, false, ZoneOffset.UTC);

    assertThat(take(limiter, "k", 2)).containsExactly(HIT_QUOTA, OVER_QUOTA);
  }

  @Test
  void windowStartsAtTheFirstRequestAndLastsThePeriod() {
    LocalPeriodLimiter limiter = limiter(60, 2, false, ZoneOffset.UTC);

    assertThat(limiter.take("k")).isEqualTo(ALLOWED);
    ticker.advance(Duration.ofSeconds(30));
    assertThat(take(limiter, "k", 2)).containsExactly(HIT_QUOTA, OVER_QUOTA);
    ticker.advance(Duration.ofSeconds(30).minusNanos(1));
    assertThat(limiter.take("k")).as("still the first window").isEqualTo(OVER_QUOTA);
    ticker.advanceNanos(1);
    assertThat(take(limiter, "k", 2)).containsExactly(ALLOWED, HIT_QUOTA);
  }

  @Test
  void alignedWindowEndsOnTheNextMultipleOfThePeriodInTheZone() {
    // 00:00:10 UTC is 08:00:10 at +08:00; a 60 s aligned window ends at 08:01:00 (50 s left).
    LocalPeriodLimiter limiter = limiter(60, 1, true, ZoneOffset.ofHours(8));

    assertThat(limiter.take("k")).isEqualTo(HIT_QUOTA);
    now.set(Instant.parse("2026-01-01T00:00:59.999Z"));
    assertThat(limiter.take("k")).isEqualTo(OVER_QUOTA);
    now.set(Instant.parse("2026-01-01T00:01:00Z"));
    assertThat(limiter.take("k")).as("a new aligned window").isEqualTo(HIT_QUOTA);
  }

  @Test
  void alignedDayResetsAtLocalMidnight() {
    // 23:59:00 at +08:00 (15:59 UTC): one minute left of the local day.
    now.set(Instant.parse("2026-01-01T15:59:00Z"));
    LocalPeriodLimiter limiter = limiter(86400, 1, true, ZoneOffset.ofHours(8));

    assertThat(limiter.take("k")).isEqualTo(HIT_QUOTA);
    now.set(Instant.parse("2026-01-01T15:59:59Z"));
    assertThat(limiter.take("k")).isEqualTo(OVER_QUOTA);
    now.set(Instant.parse("2026-01-01T16:00:00Z"));
    assertThat(limiter.take("k")).isEqualTo(HIT_QUOTA);
  }

  @Test
  void expiredCountersAreSweptOncePerPeriod() {
    LocalPeriodLimiter limiter = limiter(10, 5, false, ZoneOffset.UTC);
    for (int i = 0; i < 100; i++) {
      limiter.take("user:" + i);
    }
    assertThat(limiter.size()).isEqualTo(100);

    ticker.advance(Duration.ofSeconds(10));
    limiter.take("fresh");

    assertThat(limiter.size()).isEqualTo(1);
  }

  @Test
  void asyncAnswersLikeSync() {
    LocalPeriodLimiter limiter = limiter(60, 1, false, ZoneOffset.UTC);

    assertThat(limiter.takeAsync("k").toCompletableFuture().join()).isEqualTo(HIT_QUOTA);
    assertThat(limiter.takeAsync("k").toCompletableFuture().join()).isEqualTo(OVER_QUOTA);
  }

  @Test
  void confRejectsNonPositiveValues() {
    assertThatThrownBy(() -> new PeriodLimitConf(0, 5, false))
        .hasMessage("Period: 0 (expected: > 0 seconds)");
    assertThatThrownBy(() -> new PeriodLimitConf(60, 0, false))
        .hasMessage("Quota: 0 (expected: > 0)");
  }
}
