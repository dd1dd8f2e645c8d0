package io.github.zero4j.stores.cache;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.hash.Murmur3;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable consistent-hash ring: go-zero's {@code hash.ConsistentHash} as {@code cache.Cache}
 * uses it, so a Java and a Go service with the same node list pick the same node for a key.
 *
 * <p>Each node gets {@code replicas * weight / 100} virtual points (100 replicas, weight capped at
 * {@value #TOP_WEIGHT}); point {@code i} of a node hashes {@code repr + i} (no separator), where
 * {@code repr} is the node's address string. A key goes to the node of the first point whose hash
 * is at least the key's, wrapping to the first point; if several nodes share that point, to {@code
 * nodes[hash("16777619:" + key) mod count]}. Hashes are {@link Murmur3#hash64} read as unsigned.
 * Lookups are a binary search; thread-safe because immutable.
 *
 * @param <N> the node type
 */
final class ConsistentHash<N> {
  /** go-zero's {@code minReplicas} and default replica count. */
  static final int REPLICAS = 100;

  /** go-zero's {@code TopWeight}: weights are percentages of {@link #REPLICAS}. */
  static final int TOP_WEIGHT = 100;

  /** go-zero's {@code prime}, prefixed to the key to break ties between nodes on one point. */
  private static final String TIE_PREFIX = "16777619:";

  private final long[] points;
  private final List<List<N>> owners;
  private final List<N> nodes;

  private ConsistentHash(long[] points, List<List<N>> owners, List<N> nodes) {
    this.points = points;
    this.owners = owners;
    this.nodes = nodes;
  }

  /**
   * A ring of {@code weights}' nodes; {@code repr} of each key of the map is its address.
   *
   * @throws IllegalArgumentException if no node has a positive weight
   */
  static <N> ConsistentHash<N> of(Map<String, N> byRepr, Map<String, Integer> weights) {
    requireNonNull(byRepr, "byRepr");
    TreeMap<Long, List<N>> ring = new TreeMap<>(Long::compareUnsigned);
    List<N> nodes = new ArrayList<>();
    for (Map.Entry<String, N> e : byRepr.entrySet()) {
      int weight = Math.min(weights.getOrDefault(e.getKey(), TOP_WEIGHT), TOP_WEIGHT);
      if (weight <= 0) {
        continue;
      }
      nodes.add(e.getValue());
      int replicas = REPLICAS * weight / TOP_WEIGHT;
      for (int i = 0; i < replicas; i++) {
        long h = hash(e.getKey() + i);
        List<N> at = ring.computeIfAbsent(h, k -> new ArrayList<>(1));
        if (!at.contains(e.getValue())) {
          at.add(e.getValue());
        }
      }
    }
    if (ring.isEmpty()) {
      throw new IllegalArgumentException(
          "nodes: " + byRepr.keySet() + " (expected: no cache nodes with a positive weight)");
    }
    long[] points = new long[ring.size()];
    List<List<N>> owners = new ArrayList<>(ring.size());
    int i = 0;
    for (Map.Entry<Long, List<N>> e : ring.entrySet()) {
      points[i++] = e.getKey();
      owners.add(List.copyOf(e.getValue()));
    }
    return new ConsistentHash<>(points, owners, List.copyOf(nodes));
  }

  /** A ring of equally weighted nodes, keyed by address. */
  static <N> ConsistentHash<N> of(Map<String, N> byRepr) {
    return of(byRepr, new LinkedHashMap<>());
  }

  /** The node owning {@code key}. */
  N get(String key) {
    long h = hash(key);
    int index = search(h);
    List<N> at = owners.get(index);
    if (at.size() == 1) {
      return at.get(0);
    }
    return at.get((int) Long.remainderUnsigned(hash(TIE_PREFIX + key), at.size()));
  }

  /** Every node on the ring, in insertion order. */
  List<N> nodes() {
    return nodes;
  }

  /** How many virtual points the ring has. */
  int size() {
    return points.length;
  }

  private int search(long h) {
    int lo = 0;
    int hi = points.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(points[mid], h) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == points.length ? 0 : lo;
  }

  static long hash(String s) {
    return Murmur3.sum64(s.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ConsistentHash(" + nodes.size() + " nodes, " + points.length + " points)";
  }
}
