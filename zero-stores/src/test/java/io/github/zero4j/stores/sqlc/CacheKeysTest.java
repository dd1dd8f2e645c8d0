package io.github.zero4j.stores.sqlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CacheKeysTest {

  @Test
  void goctlExamples() {
    assertThat(CacheKeys.key(CacheKeys.prefix("user", "id"), 1L)).isEqualTo("cache:user:id:1");
    assertThat(CacheKeys.key(CacheKeys.prefixWith("cache", "go_zero", "user", "mobile"), "138"))
        .isEqualTo("cache:goZero:user:mobile:138");
    assertThat(
            CacheKeys.key(
                CacheKeys.prefixWith("cache", "goZero", "user", "class", "name"), "3a", "ann"))
        .isEqualTo("cache:goZero:user:class:name:3a:ann");
  }

  @Test
  void segmentsAreLowerCamelCase() {
    assertThat(CacheKeys.prefix("test_user", "user_id")).isEqualTo("cache:testUser:userId:");
    assertThat(CacheKeys.camel("Go_Zero")).isEqualTo("goZero");
    assertThat(CacheKeys.camel("_leading")).isEqualTo("leading");
    assertThat(CacheKeys.prefixWith("mall", "", "order_item", "order_id"))
        .isEqualTo("mall:orderItem:orderId:");
  }

  @Test
  void valuesFormatLikeGo() {
    assertThat(CacheKeys.format(42)).isEqualTo("42");
    assertThat(CacheKeys.format(-7L)).isEqualTo("-7");
    assertThat(CacheKeys.format(true)).isEqualTo("true");
    assertThat(CacheKeys.format(2.0)).isEqualTo("2");
    assertThat(CacheKeys.format(2.5)).isEqualTo("2.5");
    assertThat(CacheKeys.format(new BigDecimal("1.50"))).isEqualTo("1.50");
  }

  @Test
  void rejectsEmptyFieldsAndValues() {
    assertThatThrownBy(() -> CacheKeys.prefix("user")).hasMessageContaining("fields: []");
    assertThatThrownBy(() -> CacheKeys.key("cache:user:id:")).hasMessageContaining("values: []");
  }
}
