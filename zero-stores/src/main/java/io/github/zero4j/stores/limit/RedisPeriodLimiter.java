package io.github.zero4j.stores.limit;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisException;
import io.github.zero4j.stores.redis.Script;
import io.github.zero4j.stores.redis.ScriptReply;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletionStage;

/*
 * go-zero's PeriodLimit [1]: KEYS[1] = prefix + key, ARGV = quota, window seconds. The script
 * INCRBYs the counter, sets EXPIRE window only when the count is 1, and answers 1 (count < quota),
 * 2 (count == quota) or 0 (count > quota); the counter keeps growing past the quota. With align
 * the window is period - ((unix + zone offset) mod period), the seconds left in the current
 * period boundary of the local zone. Stateless apart from configuration; thread-safe.
 *
 * [1] go-zero core/limit/periodlimit.go, periodscript.lua
 */
final class RedisPeriodLimiter implements PeriodLimiter {
  static final Script PERIOD_SCRIPT =
      Script.of(
          """
          -- go-zero PeriodLimit: 1 allowed, 2 hit quota, 0 over quota
          local limit = tonumber(ARGV[1])
          local window = tonumber(ARGV[2])
          local current = redis.call("INCRBY", KEYS[1], 1)
          if current == 1 then
            redis.call("expire", KEYS[1], window)
          end
          if current < limit then
            return 1
          elseif current == limit then
            return 2
          else
            return 0
          end
          """);

  /** go-zero's Lua codes. */
  private static final long CODE_OVER_QUOTA = 0;

  private static final long CODE_ALLOWED = 1;
  private static final long CODE_HIT_QUOTA = 2;

  private final Redis redis;
  private final String keyPrefix;
  private final long period;
  private final String periodArg;
  private final String quotaArg;
  private final boolean align;
  private final InstantSource clock;
  private final ZoneId zone;

  RedisPeriodLimiter(
      Redis redis,
      String keyPrefix,
      long period,
      int quota,
      boolean align,
      InstantSource clock,
      ZoneId zone) {
    this.redis = redis;
    this.keyPrefix = keyPrefix;
    this.period = period;
    this.periodArg = Long.toString(period);
    this.quotaArg = Integer.toString(quota);
    this.align = align;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public PeriodResult take(String key) {
    requireNonNull(key, "key");
    return result(redis.eval(PERIOD_SCRIPT, List.of(keyPrefix + key), args()));
  }

  @Override
  public CompletionStage<PeriodResult> takeAsync(String key) {
    requireNonNull(key, "key");
    return redis
        .evalAsync(PERIOD_SCRIPT, List.of(keyPrefix + key), args())
        .thenApply(RedisPeriodLimiter::result);
  }

  private List<String> args() {
    return List.of(quotaArg, align ? Long.toString(window()) : periodArg);
  }

  private long window() {
    Instant now = clock.instant();
    int offset = zone.getRules().getOffset(now).getTotalSeconds();
    return alignedWindow(now.getEpochSecond(), offset, period);
  }

  /** go-zero's {@code calcExpireSeconds} with Align: the seconds left in the current period. */
  static long alignedWindow(long unixSeconds, int zoneOffsetSeconds, long period) {
    return period - Math.floorMod(unixSeconds + zoneOffsetSeconds, period);
  }

  /** Maps go-zero's codes; anything else is go-zero's {@code ErrUnknownCode}. */
  static PeriodResult result(ScriptReply reply) {
    if (reply.isInteger()) {
      long code = reply.asLong();
      if (code == CODE_ALLOWED) {
        return PeriodResult.ALLOWED;
      }
      if (code == CODE_HIT_QUOTA) {
        return PeriodResult.HIT_QUOTA;
      }
      if (code == CODE_OVER_QUOTA) {
        return PeriodResult.OVER_QUOTA;
      }
    }
    throw new RedisException("evalsha", "unknown status code " + reply, null);
  }

  @Override
  public String toString() {
    return "PeriodLimiter(" + keyPrefix + ", period " + period + "s, quota " + quotaArg + ")";
  }
}
