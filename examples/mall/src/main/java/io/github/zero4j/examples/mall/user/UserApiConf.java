package io.github.zero4j.examples.mall.user;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.Inline;
import io.github.zero4j.core.conf.Key;
import io.github.zero4j.examples.mall.infra.PeriodLimitConf;
import io.github.zero4j.examples.mall.infra.TokenLimitConf;
import io.github.zero4j.rest.RestConf;
import io.github.zero4j.rpc.RpcClientConf;
import io.github.zero4j.stores.redis.RedisConf;
import java.util.Optional;

/**
 * {@code user-api}'s configuration ({@code etc/user-api.yaml}): go-zero's {@code RestConf} keys
 * ({@code Name}, {@code Host}, {@code Port}, {@code DevServer} ...) plus
 *
 * @param rest the REST server
 * @param auth the JWT secret and lifetime of the tokens this service issues
 * @param userRpc where user-rpc is ({@code Etcd} key {@code user.rpc}, or {@code Endpoints})
 * @param redis the Redis of the limiters; absent = in-process limiters
 * @param registerLimit the token limiter in front of {@code POST /register} (whole service)
 * @param loginLimit the period limiter in front of {@code POST /login}, per mobile
 */
public record UserApiConf(
    @Inline RestConf rest,
    Auth auth,
    @Key("UserRpc") RpcClientConf userRpc,
    Optional<RedisConf> redis,
    TokenLimitConf registerLimit,
    PeriodLimitConf loginLimit) {

  public UserApiConf {
    requireNonNull(rest, "rest");
    requireNonNull(auth, "auth");
    requireNonNull(userRpc, "userRpc");
    requireNonNull(redis, "redis");
    requireNonNull(registerLimit, "registerLimit");
    requireNonNull(loginLimit, "loginLimit");
  }

  /**
   * go-zero's {@code Auth} block.
   *
   * @param accessSecret the HS256 secret, at least 8 characters (order-api verifies with the same)
   * @param accessExpire token lifetime in seconds
   */
  public record Auth(String accessSecret, long accessExpire) {
    public Auth {
      requireNonNull(accessSecret, "accessSecret");
      if (accessSecret.length() < 8) {
        throw new IllegalArgumentException(
            "AccessSecret: " + accessSecret.length() + " characters (expected: at least 8)");
      }
      if (accessExpire <= 0) {
        throw new IllegalArgumentException(
            "AccessExpire: " + accessExpire + " (expected: > 0 seconds)");
      }
    }

    @Override
    public String toString() {
      return "Auth[accessSecret=***, accessExpire=" + accessExpire + "]";
    }
  }
}
