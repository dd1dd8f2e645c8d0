package io.github.zero4j.stores.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.conf.Conf;
import io.github.zero4j.core.conf.Format;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheNodeConfTest {
  record AppConf(List<CacheNodeConf> cache) {}

  @Test
  void bindsGoZeroCacheConf() {
    AppConf conf =
        Conf.load(
            "Cache:\n  - Host: 10.0.0.1:6379\n  - Host: 10.0.0.2:6379\n    Weight: 50\n    Pass: pw\n",
            Format.YAML,
            AppConf.class);

    assertThat(conf.cache()).hasSize(2);
    assertThat(conf.cache().get(0).redis().host()).isEqualTo("10.0.0.1:6379");
    assertThat(conf.cache().get(0).weight()).isEqualTo(100);
    assertThat(conf.cache().get(1).weight()).isEqualTo(50);
    assertThat(conf.cache().get(1).redis().pass()).isEqualTo("pw");
  }

  @Test
  void noNodesOrNoWeight_isAnError() {
    assertThatThrownBy(() -> Cache.builder(List.<CacheNodeConf>of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no cache nodes");
    CacheNodeConf zero = new CacheNodeConf(CacheNodeConf.of("h:1").redis(), 0);
    assertThatThrownBy(() -> Cache.builder(List.of(zero))).hasMessageContaining("total weight 0");
    assertThatThrownBy(
            () -> Cache.builder(List.of(CacheNodeConf.of("h:1"), CacheNodeConf.of("h:1"))))
        .hasMessageContaining("duplicate host h:1");
  }
}
