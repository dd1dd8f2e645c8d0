package io.github.zero4j.examples.mall.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.stores.cache.Cache;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalCachesTest {

  @Test
  void servicesOfOneNameShareOneCacheUntilTheLastCloses() {
    Cache a = Stores.cache(List.of(), "local-caches-test");
    Cache b = Stores.cache(List.of(), "local-caches-test");
    Cache other = Stores.cache(List.of(), "local-caches-test-other");

    a.set("k", "v");
    assertThat(b.get("k", String.class)).contains("v");
    assertThat(other.get("k", String.class)).isEmpty();
    b.del("k");
    assertThat(a.get("k", String.class)).as("a delete through one is seen by all").isEmpty();

    a.set("k", "v2");
    a.close();
    a.close();
    assertThat(LocalCaches.handles("local-caches-test")).as("close is idempotent").isEqualTo(1);
    assertThat(b.get("k", String.class)).contains("v2");

    b.close();
    other.close();
    assertThat(LocalCaches.handles("local-caches-test")).isZero();
    try (Cache fresh = Stores.cache(List.of(), "local-caches-test")) {
      assertThat(fresh.get("k", String.class)).as("a new cache after the last close").isEmpty();
    }
  }
}
