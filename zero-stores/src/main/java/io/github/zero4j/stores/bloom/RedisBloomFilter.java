package io.github.zero4j.stores.bloom;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.hash.Murmur3;
import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.Script;
import io.github.zero4j.stores.redis.ScriptReply;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/*
 * go-zero core/bloom: offsets are computed in the client - for i in 0..13, murmur3 h1 of
 * (data || byte i), unsigned, modulo bits - and sent as ARGV to one of two scripts on KEYS[1]:
 * SET_SCRIPT runs SETBIT offset 1 for each, TEST_SCRIPT answers false (nil) at the first GETBIT 0
 * and true (1) otherwise. The scripts are written from go-zero's semantics; the bits they touch
 * are identical. Immutable; thread-safe.
 */
final class RedisBloomFilter implements BloomFilter {
  static final Script SET_SCRIPT =
      Script.of(
          """
          for _, offset in ipairs(ARGV) do
            redis.call("setbit", KEYS[1], offset, 1)
          end
          """);

  static final Script TEST_SCRIPT =
      Script.of(
          """
          for _, offset in ipairs(ARGV) do
            if tonumber(redis.call("getbit", KEYS[1], offset)) == 0 then
              return false
            end
          end
          return true
          """);

  private final Redis redis;
  private final String key;
  private final List<String> keys;
  private final long bits;

  RedisBloomFilter(Redis redis, String key, long bits) {
    this.redis = requireNonNull(redis, "redis");
    this.key = requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key: \"\" (expected: non-empty)");
    }
    if (bits < 1 || bits > MAX_BITS) {
      throw new IllegalArgumentException("bits: " + bits + " (expected: 1.." + MAX_BITS + ")");
    }
    this.keys = List.of(key);
    this.bits = bits;
  }

  /**
   * go-zero's {@code getLocations}: the {@value BloomFilter#HASHES} bit offsets of {@code data}.
   */
  static long[] offsets(byte[] data, long bits) {
    byte[] salted = Arrays.copyOf(data, data.length + 1);
    long[] offsets = new long[HASHES];
    for (int i = 0; i < HASHES; i++) {
      salted[data.length] = (byte) i;
      offsets[i] = Long.remainderUnsigned(Murmur3.sum64(salted), bits);
    }
    return offsets;
  }

  private List<String> args(byte[] data) {
    requireNonNull(data, "data");
    long[] offsets = offsets(data, bits);
    String[] args = new String[offsets.length];
    for (int i = 0; i < offsets.length; i++) {
      args[i] = Long.toString(offsets[i]);
    }
    return List.of(args);
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public long bits() {
    return bits;
  }

  @Override
  public void add(byte[] data) {
    redis.eval(SET_SCRIPT, keys, args(data));
  }

  @Override
  public void add(String data) {
    add(requireNonNull(data, "data").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public CompletableFuture<Void> addAsync(byte[] data) {
    return redis.evalAsync(SET_SCRIPT, keys, args(data)).thenApply(reply -> null);
  }

  @Override
  public boolean exists(byte[] data) {
    return redis.eval(TEST_SCRIPT, keys, args(data)).asBoolean();
  }

  @Override
  public boolean exists(String data) {
    return exists(requireNonNull(data, "data").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public CompletableFuture<Boolean> existsAsync(byte[] data) {
    return redis.evalAsync(TEST_SCRIPT, keys, args(data)).thenApply(ScriptReply::asBoolean);
  }

  @Override
  public String toString() {
    return "BloomFilter(" + key + ", " + bits + " bits)";
  }
}
