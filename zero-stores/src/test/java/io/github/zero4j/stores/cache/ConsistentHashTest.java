package io.github.zero4j.stores.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.hash.Murmur3;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsistentHashTest {

  @Test
  void murmur3_matchesGoZeroVectors() {
    assertThat(Murmur3.sum64("hello".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(0xcbd8a7b341bd9b02L);
    assertThat(Murmur3.sum64("hello, world".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(0x342fac623a5ebc8eL);
    assertThat(Murmur3.sum64(new byte[0])).isZero();
  }

  @Test
  void murmur3_coversEveryTailLength() {
    // Blocks of 16 bytes plus every tail length 0..15 must hash differently and stably.
    String base = "0123456789abcdefghijklmnopqrstuvwxyz";
    Map<Long, String> seen = new HashMap<>();
    for (int n = 0; n <= base.length(); n++) {
      String s = base.substring(0, n);
      long h = Murmur3.sum64(s.getBytes(StandardCharsets.UTF_8));
      assertThat(seen.put(h, s)).isNull();
      assertThat(Murmur3.sum64(s.getBytes(StandardCharsets.UTF_8))).isEqualTo(h);
    }
  }

  @Test
  void threeNodes_placeKeysAsGoZeroDoes() {
    ConsistentHash<String> ring = ring("127.0.0.1:6379", "127.0.0.1:6380", "127.0.0.1:6381");

    assertThat(List.of("a", "b", "c", "d", "e", "f", "g", "h").stream().map(ring::get))
        .containsExactly(
            "127.0.0.1:6380",
            "127.0.0.1:6381",
            "127.0.0.1:6380",
            "127.0.0.1:6380",
            "127.0.0.1:6381",
            "127.0.0.1:6379",
            "127.0.0.1:6379",
            "127.0.0.1:6380");
    assertThat(ring.size()).isEqualTo(300);
  }

  @Test
  void distribution_hasHighEntropy() {
    String[] nodes = new String[20];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = "10.0.0." + i + ":6379";
    }
    ConsistentHash<String> ring = ring(nodes);
    Map<String, Integer> counts = new HashMap<>();
    int keys = 1000;
    for (int i = 0; i < keys; i++) {
      counts.merge(ring.get("key-" + i), 1, Integer::sum);
    }

    double entropy = 0;
    for (int c : counts.values()) {
      double p = (double) c / keys;
      entropy -= p * Math.log(p);
    }
    assertThat(entropy / Math.log(nodes.length)).isGreaterThan(0.95);
  }

  @Test
  void removingANode_movesOnlyItsKeys() {
    String[] nodes = new String[20];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = "10.0.0." + i + ":6379";
    }
    ConsistentHash<String> full = ring(nodes);
    String[] fewer = java.util.Arrays.copyOf(nodes, nodes.length - 1);
    ConsistentHash<String> reduced = ring(fewer);
    String removed = nodes[nodes.length - 1];

    int moved = 0;
    for (int i = 0; i < 1000; i++) {
      String key = "key-" + i;
      String before = full.get(key);
      String after = reduced.get(key);
      if (!before.equals(after)) {
        moved++;
        assertThat(before).isEqualTo(removed);
      }
      assertThat(full.get(key)).isEqualTo(before); // stable
    }
    assertThat(moved).isLessThan(125);
  }

  @Test
  void weights_scaleVirtualPoints() {
    Map<String, String> byRepr = new LinkedHashMap<>();
    byRepr.put("a:1", "a:1");
    byRepr.put("b:1", "b:1");
    ConsistentHash<String> ring = ConsistentHash.of(byRepr, Map.of("a:1", 50, "b:1", 500));

    assertThat(ring.size()).isEqualTo(150);
  }

  private static ConsistentHash<String> ring(String... nodes) {
    Map<String, String> byRepr = new LinkedHashMap<>();
    for (String n : nodes) {
      byRepr.put(n, n);
    }
    return ConsistentHash.of(byRepr);
  }
}
