package io.github.zero4j.stores.cache;

/**
 * MurmurHash3 x64 128-bit with seed 0, first 64-bit half: go-zero's {@code hash.Hash}
 * (spaolacci/murmur3 {@code Sum64}), which places keys on the consistent-hash ring. Values are
 * unsigned; compare them with {@link Long#compareUnsigned}.
 *
 * <p>Austin Appleby's public-domain algorithm (MurmurHash3_x64_128), written from its description;
 * checked against go-zero's vectors: "hello" gives 0xcbd8a7b341bd9b02, "" gives 0.
 */
final class Murmur3 {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;
  private static final int BLOCK = 16;

  private Murmur3() {}

  /** The first half (h1) of the 128-bit hash of {@code data}. */
  static long hash64(byte[] data) {
    long h1 = 0;
    long h2 = 0;
    int length = data.length;
    int blocks = length / BLOCK;
    for (int i = 0; i < blocks; i++) {
      long k1 = getLong(data, i * BLOCK);
      long k2 = getLong(data, i * BLOCK + 8);
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
    long k1 = 0;
    long k2 = 0;
    int rest = length & (BLOCK - 1);
    for (int i = rest - 1; i >= 8; i--) {
      k2 ^= (data[tail + i] & 0xffL) << ((i - 8) * 8);
    }
    if (rest > 8) {
      h2 ^= mixK2(k2);
    }
    for (int i = Math.min(rest, 8) - 1; i >= 0; i--) {
      k1 ^= (data[tail + i] & 0xffL) << (i * 8);
    }
    if (rest > 0) {
      h1 ^= mixK1(k1);
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    return h1;
  }

  private static long mixK1(long k1) {
    k1 *= C1;
    k1 = Long.rotateLeft(k1, 31);
    return k1 * C2;
  }

  private static long mixK2(long k2) {
    k2 *= C2;
    k2 = Long.rotateLeft(k2, 33);
    return k2 * C1;
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static long getLong(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xffL);
    }
    return v;
  }
}
