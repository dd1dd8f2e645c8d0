package io.github.zero4j.stores.bloom;

import io.github.zero4j.stores.redis.Redis;
import java.util.concurrent.CompletableFuture;

/**
 * go-zero's {@code bloom.Filter}: a bloom filter kept as a Redis bitmap under one key, with
 * go-zero's hashing (14 offsets, each {@link Murmur3#sum64 murmur3} of the data followed by the
 * byte {@code i}, modulo {@code bits}) and its set/test scripts, so a Go and a Java service read
 * and write the same bits.
 *
 * <pre>{@code
 * BloomFilter seen = BloomFilter.create(redis, "bloom:users", 20 * expectedUsers);
 * seen.add("alice");
 * seen.exists("alice"); // true
 * seen.exists("bob");   // false, or rarely a false positive
 * }</pre>
 *
 * <p>Sizing (go-zero's advice): {@code bits ≈ 20 × expected elements} gives a false-positive rate
 * near 0.000067 with 14 hash functions. The key never expires. Each call is one script run, through
 * the Redis client's breaker; failures throw {@link io.github.zero4j.stores.redis.RedisException}.
 * Thread-safe.
 */
public interface BloomFilter {

  /** go-zero's {@code maps}: every element sets and tests {@value} bits. */
  int HASHES = 14;

  /** The largest size: Redis bitmaps address at most 2^32 bits. */
  long MAX_BITS = 1L << 32;

  /**
   * A filter of {@code bits} bits in the Redis string {@code key}.
   *
   * @throws IllegalArgumentException if {@code bits} is not in {@code [1, 2^32]}
   */
  static BloomFilter create(Redis redis, String key, long bits) {
    return new RedisBloomFilter(redis, key, bits);
  }

  /** The Redis key of the bitmap. */
  String key();

  /** The number of bits. */
  long bits();

  /** Adds {@code data}. */
  void add(byte[] data);

  /** Adds the UTF-8 bytes of {@code data}. */
  void add(String data);

  /** {@link #add(byte[])}, asynchronously. */
  CompletableFuture<Void> addAsync(byte[] data);

  /** Whether {@code data} may have been added: {@code false} is certain, {@code true} probable. */
  boolean exists(byte[] data);

  /** {@link #exists(byte[])} of the UTF-8 bytes of {@code data}. */
  boolean exists(String data);

  /** {@link #exists(byte[])}, asynchronously. */
  CompletableFuture<Boolean> existsAsync(byte[] data);
}
