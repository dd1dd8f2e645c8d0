package io.github.zero4j.core.hash;

import static java.util.Objects.requireNonNull;

/**
 * MurmurHash3 x64 128-bit with seed 0, first 64-bit half: go-zero's {@code core/hash.Hash}
 * (spaolacci/murmur3 {@code Sum64}), the hash behind its bloom filter and consistent hash. Read the
 * result as unsigned ({@link Long#remainderUnsigned}, {@link Long#toUnsignedString}).
 *
 * <pre>{@code
 * Murmur3.sum64("hello".getBytes(UTF_8)) == 0xcbd8a7b341bd9b02L
 * }</pre>
 *
 * <p>Stateless and thread-safe; allocation-free.
 */
public final class Murmur3 {
  // Constants of Austin Appleby's MurmurHash3_x64_128 (public domain reference implementation).
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;
  private static final int BLOCK = 16;

  private Murmur3() {}

  /** The first 64 bits of the 128-bit hash of all of {@code data}, seed 0. */
  public static long sum64(byte[] data) {
    requireNonNull(data, "data");
    return sum64(data, data.length);
  }

  /** {@link #sum64(byte[])} of the first {@code length} bytes of {@code data}. */
  public static long sum64(byte[] data, int length) {
    requireNonNull(data, "data");
    if (length < 0 || length > data.length) {
      throw new IllegalArgumentException(
          "length: " + length + " (expected: 0.." + data.length + ")");
    }
    long h1 = 0;
    long h2 = 0;
    int blocks = length / BLOCK;
    for (int i = 0; i < blocks; i++) {
      int at = i * BLOCK;
      long k1 = littleEndian(data, at);
      long k2 = littleEndian(data, at + 8);
      h1 ^= mixK1(k1);
      h1 = Long.rotateLeft(h1, 27);
      h1 += h2;
      h1 = h1 * 5 + 0x52dce729;
      h2 ^= mixK2(k2);
      h2 = Long.rotateLeft(h2, 31);
      h2 += h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    int tail = blocks * BLOCK;
    int rest = length - tail;
    long k1 = 0;
    long k2 = 0;
    for (int i = rest - 1; i >= 8; i--) {
      k2 ^= (data[tail + i] & 0xffL) << ((i - 8) * 8);
    }
    for (int i = Math.min(rest, 8) - 1; i >= 0; i--) {
      k1 ^= (data[tail + i] & 0xffL) << (i * 8);
    }
    if (rest > 8) {
      h2 ^= mixK2(k2);
    }
    if (rest > 0) {
      h1 ^= mixK1(k1);
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    return h1;
  }

  private static long mixK1(long k1) {
    return Long.rotateLeft(k1 * C1, 31) * C2;
  }

  private static long mixK2(long k2) {
    return Long.rotateLeft(k2 * C2, 33) * C1;
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static long littleEndian(byte[] b, int at) {
    return (b[at] & 0xffL)
        | (b[at + 1] & 0xffL) << 8
        | (b[at + 2] & 0xffL) << 16
        | (b[at + 3] & 0xffL) << 24
        | (b[at + 4] & 0xffL) << 32
        | (b[at + 5] & 0xffL) << 40
        | (b[at + 6] & 0xffL) << 48
        | (b[at + 7] & 0xffL) << 56;
  }
}
