package io.github.zero4j.stores.limit;

import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Redis} whose every command fails, counting the calls made to it. */
final class FailingRedis {
  /** Calls of the guarded commands (not the probe nor the escape hatch). */
  final AtomicInteger calls = new AtomicInteger();

  final Redis redis =
      (Redis)
          Proxy.newProxyInstance(
              Redis.class.getClassLoader(),
              new Class<?>[] {Redis.class},
              (proxy, method, args) -> {
                switch (method.getName()) {
                  case "toString":
                    return "FailingRedis";
                  case "hashCode":
                    return System.identityHashCode(proxy);
                  case "equals":
                    return proxy == args[0];
                  case "close":
                    return null;
                  default:
                    break;
                }
                if (!method.getName().startsWith("lettuce")
                    && !method.getName().equals("probeAsync")) {
                  calls.incrementAndGet();
                }
                RedisException down = new RedisException(method.getName(), "down", null);
                if (method.getReturnType() == CompletableFuture.class) {
                  return CompletableFuture.failedFuture(down);
                }
                throw down;
              });
}
