package io.github.zero4j.stores.cache;

import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.Script;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * A store on one Redis deployment (go-zero's {@code cacheNode}), through the breaker-protected
 * {@link Redis} client.
 *
 * <p>Value keys hold exactly what go-zero writes (JSON or {@code "*"}, {@code SETEX}/{@code SET NX
 * EX}), so Go services can share them. With the lease guard, each key {@code K} has a side key
 * {@code {K}:lease} (the hash tag keeps both in one Redis Cluster slot) holding a random token:
 *
 * <ul>
 *   <li>lease: return the side key's token, creating it ({@code SET PX leaseTtl}) if absent;
 *   <li>fill: one script that writes {@code K} only if the side key still holds the caller's token;
 *   <li>del: one {@code DEL} of {@code K} and its side key together (atomic, so no fill can slip in
 *       between); set: delete the side key, then {@code SETEX}.
 * </ul>
 *
 * A deleted or expired side key matches no token, so revocation never needs to know who holds a
 * lease. Go services that delete only {@code K} do not revoke leases (their deletes behave as in
 * go-zero). Thread-safe as the client is.
 */
final class RedisStore implements Store {
  /** KEYS[1] = lease key; ARGV[1] = new token, ARGV[2] = lease TTL in ms. Returns the token. */
  static final Script LEASE =
      Script.of(
          "local token = redis.call('GET', KEYS[1])\n"
              + "if token then return token end\n"
              + "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])\n"
              + "return ARGV[1]");

  /**
   * KEYS[1] = value key, KEYS[2] = lease key; ARGV[1] = token, ARGV[2] = value, ARGV[3] = TTL in
   * seconds, ARGV[4] = "1" for NX. Returns 1 if written; a written fill drops the lease (other
   * holders of the same token then simply do not cache).
   */
  static final Script FILL =
      Script.of(
          "if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end\n"
              + "if ARGV[4] == '1' then\n"
              + "  if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'EX', ARGV[3]) then return 0 end\n"
              + "else\n"
              + "  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])\n"
              + "end\n"
              + "redis.call('DEL', KEYS[2])\n"
              + "return 1");

  static final String LEASE_SUFFIX = ":lease";

  private final Redis redis;
  private final boolean owned;
  private final boolean leaseGuard;
  private final String leaseTtlMillis;

  RedisStore(Redis redis, boolean owned, boolean leaseGuard, Duration leaseTtl) {
    this.redis = redis;
    this.owned = owned;
    this.leaseGuard = leaseGuard;
    this.leaseTtlMillis = Long.toString(leaseTtl.toMillis());
  }

  /**
   * The side key of {@code key}: {@code {key}:lease}, or {@code key:lease} when the key already
   * carries a hash tag (which then places both).
   */
  static String leaseKey(String key) {
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) {
        return key + LEASE_SUFFIX;
      }
    }
    if (open < 0 && key.indexOf('}') < 0) {
      return "{" + key + "}" + LEASE_SUFFIX;
    }
    return key + LEASE_SUFFIX;
  }

  @Override
  public String name() {
    return redis.conf().host();
  }

  @Override
  public Optional<String> get(String key) {
    return redis.get(key);
  }

  @Override
  public String lease(String key) {
    String token = Long.toHexString(ThreadLocalRandom.current().nextLong());
    return redis.eval(LEASE, List.of(leaseKey(key)), List.of(token, leaseTtlMillis)).asString();
  }

  @Override
  public boolean fill(
      String key, @Nullable String lease, String value, long ttlSeconds, boolean nx) {
    if (lease == null) {
      if (nx) {
        return redis.setnxex(key, value, Duration.ofSeconds(ttlSeconds));
      }
      redis.setex(key, value, Duration.ofSeconds(ttlSeconds));
      return true;
    }
    return redis
            .eval(
                FILL,
                List.of(key, leaseKey(key)),
                List.of(lease, value, Long.toString(ttlSeconds), nx ? "1" : "0"))
            .asLong()
        == 1;
  }

  @Override
  public void set(String key, String value, long ttlSeconds) {
    if (leaseGuard) {
      redis.del(leaseKey(key));
    }
    redis.setex(key, value, Duration.ofSeconds(ttlSeconds));
  }

  @Override
  public void del(List<String> keys) {
    if (!leaseGuard) {
      redis.del(keys.toArray(new String[0]));
      return;
    }
    List<String> all = new ArrayList<>(keys.size() * 2);
    for (String key : keys) {
      all.add(leaseKey(key));
      all.add(key);
    }
    redis.del(all.toArray(new String[0]));
  }

  @Override
  public void close() {
    if (owned) {
      redis.close();
    }
  }

  @Override
  public String toString() {
    return "RedisStore(" + name() + ")";
  }
}
