package io.github.zero4j.stores.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.zero4j.core.stat.MetricNames;
import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.testing.LocalServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RedisIT {
  private static Redis redis;
  private final String p = "zero4j:it:redis:" + UUID.randomUUID() + ":";

  @BeforeAll
  static void connect() {
    redis = Redis.create(RedisConf.node(LocalServices.redis()));
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  @AfterEach
  void deleteKeys() {
    List<String> keys = redis.lettuce().keys(p + "*");
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(new String[0]));
    }
  }

  @Test
  void ping_answersTrue() {
    assertThat(redis.ping()).isTrue();
    assertThat(redis.pingAsync().join()).isTrue();
  }

  @Test
  void getSet_roundTrip_andMissingKeyIsEmpty() {
    assertThat(redis.get(p + "missing")).isEmpty();

    redis.set(p + "k", "v");

    assertThat(redis.get(p + "k")).contains("v");
    assertThat(redis.getAsync(p + "k").join()).contains("v");
    assertThat(redis.ttl(p + "k")).isEqualTo(-1);
    assertThat(redis.ttl(p + "missing")).isEqualTo(-2);
  }

  @Test
  void setex_setsValueAndTtl_inSecondsOrMillis() {
    redis.setex(p + "s", "v", Duration.ofSeconds(30));
    redis.setexAsync(p + "ms", "v", Duration.ofMillis(30_500)).join();

    assertThat(redis.ttl(p + "s")).isBetween(29L, 30L);
    assertThat(redis.lettuce().pttl(p + "ms")).isBetween(29_000L, 30_500L);
    assertThatThrownBy(() -> redis.setex(p + "x", "v", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl: PT0S");
  }

  @Test
  void setnx_andSetnxex_onlySetAbsentKeys() {
    assertThat(redis.setnx(p + "n", "1")).isTrue();
    assertThat(redis.setnx(p + "n", "2")).isFalse();
    assertThat(redis.setnxex(p + "nx", "1", Duration.ofSeconds(10))).isTrue();
    assertThat(redis.setnxexAsync(p + "nx", "2", Duration.ofSeconds(10)).join()).isFalse();
    assertThat(redis.get(p + "nx")).contains("1");
    assertThat(redis.ttl(p + "nx")).isBetween(9L, 10L);
  }

  @Test
  void delExistsExpire() {
    redis.set(p + "a", "1");
    redis.set(p + "b", "1");

    assertThat(redis.exists(p + "a")).isTrue();
    assertThat(redis.expire(p + "a", Duration.ofSeconds(100))).isTrue();
    assertThat(redis.ttl(p + "a")).isBetween(99L, 100L);
    assertThat(redis.expire(p + "missing", Duration.ofSeconds(1))).isFalse();
    assertThat(redis.del(p + "a", p + "b", p + "missing")).isEqualTo(2);
    assertThat(redis.existsAsync(p + "a").join()).isFalse();
    assertThat(redis.del()).isZero();
  }

  @Test
  void incrAndHash() {
    assertThat(redis.incr(p + "c")).isEqualTo(1);
    assertThat(redis.incrby(p + "c", 41)).isEqualTo(42);
    assertThat(redis.hset(p + "h", "f", "v")).isTrue();
    assertThat(redis.hset(p + "h", "f", "w")).isFalse();
    assertThat(redis.hget(p + "h", "f")).contains("w");
    assertThat(redis.hgetAsync(p + "h", "g").join()).isEmpty();
  }

  @Test
  void serverError_isRedisExceptionNamingTheCommand() {
    redis.hset(p + "hash", "f", "v");

    assertThatThrownBy(() -> redis.get(p + "hash"))
        .isInstanceOfSatisfying(RedisException.class, e -> assertThat(e.command()).isEqualTo("get"))
        .hasMessageStartingWith("redis get: WRONGTYPE");
  }

  @Test
  void eval_returnsConvertedReplies() {
    Script script =
        Script.of("return {redis.call('INCRBY', KEYS[1], ARGV[1]), ARGV[2], false, true}");

    ScriptReply reply = redis.eval(script, List.of(p + "e"), List.of("5", "x"));

    assertThat(reply.asList())
        .containsExactly(
            ScriptReply.of(5L), ScriptReply.of("x"), ScriptReply.of(null), ScriptReply.of(1L));
    assertThat(redis.evalAsync(script, List.of(p + "e"), List.of("1", "y")).join().asList())
        .first()
        .isEqualTo(ScriptReply.of(6L));
  }

  @Test
  void eval_fallsBackToEvalAfterScriptFlush() {
    String unique = "return '" + UUID.randomUUID() + "'";
    Script script = Script.of(unique);
    redis.lettuce().scriptFlush();

    assertThat(redis.lettuce().scriptExists(script.sha1())).containsExactly(false);
    assertThat(redis.eval(script, List.of(), List.of()).asString())
        .isEqualTo(unique.substring(8, 44));
    // EVAL cached it again, so the next call is a plain EVALSHA hit.
    assertThat(redis.lettuce().scriptExists(script.sha1())).containsExactly(true);
    redis.lettuce().scriptFlush();
    assertThat(redis.evalAsync(script, List.of(), List.of()).join().isNil()).isFalse();
  }

  @Test
  void scriptError_isRedisException() {
    Script bad = Script.of("return redis.call('NOPE')");

    assertThatThrownBy(() -> redis.eval(bad, List.of(p + "x"), List.of()))
        .isInstanceOf(RedisException.class)
        .hasMessageStartingWith("redis evalsha: ");
  }

  @Test
  void slowCommands_areLoggedAndCounted_withGoZeroWording() {
    Logger logger = (Logger) LoggerFactory.getLogger(Redis.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // every reading is 150 ms after the previous one: each command "takes" 150 ms
    AtomicLong clock = new AtomicLong();
    try (Redis slow =
        Redis.builder(RedisConf.node(LocalServices.redis()))
            .ticker(() -> clock.getAndAdd(150_000_000L))
            .meters(ZeroMeters.of(registry))
            .build()) {
      slow.get(p + "slow");

      assertThat(appender.list)
          .anySatisfy(
              e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage())
                    .isEqualTo(
                        "[REDIS] slowcall on executing: get " + p + "slow (duration: 150.0ms)");
              });
      assertThat(
              registry
                  .get(MetricNames.REDIS_CLIENT_REQUESTS_SLOW_TOTAL)
                  .tag(MetricNames.LABEL_COMMAND, "get")
                  .counter()
                  .count())
          .isEqualTo(1);
      assertThat(
              registry
                  .get(MetricNames.REDIS_CLIENT_REQUESTS_DURATION_MS)
                  .tag(MetricNames.LABEL_COMMAND, "get")
                  .summary()
                  .totalAmount())
          .isEqualTo(150.0);
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void fastCommands_areNotLogged_butErrorsAreCounted() {
    Logger logger = (Logger) LoggerFactory.getLogger(Redis.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Redis r =
        Redis.builder(RedisConf.node(LocalServices.redis()))
            .meters(ZeroMeters.of(registry))
            .build()) {
      r.hset(p + "h", "f", "v");
      assertThatThrownBy(() -> r.incr(p + "h")).isInstanceOf(RedisException.class);

      assertThat(appender.list).isEmpty();
      assertThat(
              registry
                  .get(MetricNames.REDIS_CLIENT_REQUESTS_ERROR_TOTAL)
                  .tags(MetricNames.LABEL_COMMAND, "incr", MetricNames.LABEL_ERROR, "WRONGTYPE")
                  .counter()
                  .count())
          .isEqualTo(1);
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void lettuceEscapeHatch_reachesTheSameServer() {
    redis.set(p + "raw", "1");

    assertThat(redis.lettuce().get(p + "raw")).isEqualTo("1");
    assertThat(redis.lettuceAsync().get(p + "raw").toCompletableFuture().join()).isEqualTo("1");
  }

  @Test
  void protocol2_andDisableIdentity_work() {
    try (Redis r =
        Redis.create(
            new RedisConf(
                LocalServices.redis(),
                RedisConf.NODE,
                "",
                "",
                false,
                false,
                Duration.ofSeconds(1),
                true,
                2,
                false))) {
      r.set(p + "resp2", "v");
      assertThat(r.get(p + "resp2")).isEqualTo(Optional.of("v"));
    }
  }

  @Test
  void closedClient_throwsRedisException() {
    Redis r = Redis.create(RedisConf.node(LocalServices.redis()));
    r.close();
    r.close();

    assertThatThrownBy(() -> r.get(p + "x")).isInstanceOf(RedisException.class);
  }
}
