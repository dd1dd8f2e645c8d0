package io.github.zero4j.stores.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.stores.redis.RedisException;
import io.github.zero4j.stores.redis.ScriptReply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeriodLimiterTest {

  @Test
  void luaCodes_mapToGoZeroResults() {
    assertThat(RedisPeriodLimiter.result(reply(1L))).isEqualTo(PeriodResult.ALLOWED);
    assertThat(RedisPeriodLimiter.result(reply(2L))).isEqualTo(PeriodResult.HIT_QUOTA);
    assertThat(RedisPeriodLimiter.result(reply(0L))).isEqualTo(PeriodResult.OVER_QUOTA);
    assertThat(PeriodResult.HIT_QUOTA.admitted()).isTrue();
    assertThat(PeriodResult.OVER_QUOTA.admitted()).isFalse();
  }

  @Test
  void unknownCodes_areGoZerosUnknownStatusCodeError() {
    assertThatThrownBy(() -> RedisPeriodLimiter.result(reply(3L)))
        .isInstanceOf(RedisException.class)
        .hasMessage("redis evalsha: unknown status code 3");
    assertThatThrownBy(() -> RedisPeriodLimiter.result(reply("OK")))
        .isInstanceOf(RedisException.class);
  }

  @Test
  void alignedWindow_isTheTimeLeftInTheLocalPeriod() {
    // 1000 s after the epoch, UTC, minute windows: 40 s into the minute -> 20 s left
    assertThat(RedisPeriodLimiter.alignedWindow(1000, 0, 60)).isEqualTo(20);
    // exactly on a boundary: a full period
    assertThat(RedisPeriodLimiter.alignedWindow(1020, 0, 60)).isEqualTo(60);
    // day windows in UTC+8: 01:00 local is 17:00 UTC the day before -> 23 h left
    long oneAmLocal = 19_000L * 86_400 - 8 * 3600 + 3600;
    assertThat(RedisPeriodLimiter.alignedWindow(oneAmLocal, 8 * 3600, 86_400)).isEqualTo(82_800);
    // negative offsets (UTC-5) and instants before the epoch still give (0, period]
    assertThat(RedisPeriodLimiter.alignedWindow(-1, -5 * 3600, 86_400)).isEqualTo(18_001);
  }

  @Test
  void builder_validates() {
    FailingRedis failing = new FailingRedis();

    assertThatThrownBy(
            () -> PeriodLimiter.builder(failing.redis, "p:").period(Duration.ofMillis(1500)))
        .hasMessage("period: PT1.5S (expected: whole seconds, >= 1s)");
    assertThatThrownBy(() -> PeriodLimiter.builder(failing.redis, "p:").quota(0))
        .hasMessage("quota: 0 (expected: > 0)");
    assertThatThrownBy(() -> PeriodLimiter.builder(failing.redis, "p:").quota(1).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("period must be set");
    assertThat(PeriodLimiter.noop().take("x")).isEqualTo(PeriodResult.ALLOWED);
  }

  private static ScriptReply reply(long code) {
    return ScriptReply.of(code);
  }

  private static ScriptReply reply(String text) {
    return ScriptReply.of(text);
  }
}
