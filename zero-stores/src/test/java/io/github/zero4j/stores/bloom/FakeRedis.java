package io.github.zero4j.stores.bloom;

import io.github.zero4j.stores.redis.Redis;
import java.lang.reflect.Proxy;

/** A {@link Redis} that must not be called. */
final class FakeRedis {
  final Redis redis =
      (Redis)
          Proxy.newProxyInstance(
              Redis.class.getClassLoader(),
              new Class<?>[] {Redis.class},
              (proxy, method, args) -> {
                throw new AssertionError("unexpected call " + method.getName());
              });
}
