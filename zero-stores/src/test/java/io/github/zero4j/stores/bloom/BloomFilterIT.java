package io.github.zero4j.stores.bloom;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.github.zero4j.testing.LocalServices;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BloomFilterIT {
  private static Redis redis;
  private final String key = "zero4j:it:bloom:" + UUID.randomUUID();

  @BeforeAll
  static void connect() {
    redis = Redis.create(RedisConf.node(LocalServices.redis()));
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  @AfterEach
  void delete() {
    redis.del(key);
  }

  @Test
  void add_setsExactlyGoZerosBits() {
    BloomFilter filter = BloomFilter.create(redis, key, 1000);

    filter.add("hello");

    // 14 offsets, 195 twice: 13 distinct bits, the ones go-zero sets for "hello" in 1000 bits
    assertThat(redis.lettuce().bitcount(key)).isEqualTo(13);
    for (long offset :
        new long[] {195, 778, 938, 931, 359, 362, 58, 240, 212, 248, 389, 865, 485}) {
      assertThat(redis.lettuce().getbit(key, offset)).isEqualTo(1);
    }
    assertThat(redis.ttl(key)).isEqualTo(-1);
  }

  @Test
  void exists_isTrueForAdded_andFalseWhenAnyBitIsMissing() {
    BloomFilter filter = BloomFilter.create(redis, key, 1000);
    filter.add("hello".getBytes(UTF_8));

    assertThat(filter.exists("hello")).isTrue();
    assertThat(filter.exists("kevin")).isFalse();

    redis.lettuce().setbit(key, 485, 0);
    assertThat(filter.exists("hello")).isFalse();
  }

  @Test
  void bitsSetByHand_atGoZerosOffsets_areSeenAsPresent() {
    // what a Go service would have written for "kevin" in 64 bits
    for (long offset : new long[] {11, 32, 33, 8, 0, 46, 39, 10, 63, 60, 31, 3, 4, 55}) {
      redis.lettuce().setbit(key, offset, 1);
    }
    BloomFilter filter = BloomFilter.create(redis, key, 64);

    assertThat(filter.exists("kevin")).isTrue();
    assertThat(filter.existsAsync("kevin".getBytes(UTF_8)).join()).isTrue();
  }

  @Test
  void asyncForms_roundTrip() {
    BloomFilter filter = BloomFilter.create(redis, key, 20 * 200);

    for (int i = 0; i < 200; i++) {
      filter.addAsync(("item-" + i).getBytes(UTF_8)).join();
    }

    for (int i = 0; i < 200; i++) {
      assertThat(filter.existsAsync(("item-" + i).getBytes(UTF_8)).join()).isTrue();
    }
    int falsePositives = 0;
    for (int i = 0; i < 200; i++) {
      if (filter.exists("absent-" + i)) {
        falsePositives++;
      }
    }
    // expected rate ~0.00007 (go-zero: 20 bits per element, 14 hashes)
    assertThat(falsePositives).isLessThanOrEqualTo(1);
  }
}
