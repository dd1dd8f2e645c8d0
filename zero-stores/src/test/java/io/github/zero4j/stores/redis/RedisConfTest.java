package io.github.zero4j.stores.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.conf.Conf;
import io.github.zero4j.core.conf.ConfigException;
import io.github.zero4j.core.conf.Format;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisConfTest {

  @Test
  void goZeroYaml_bindsWithGoZeroDefaults() {
    RedisConf conf = Conf.load("Host: 127.0.0.1:6379\n", Format.YAML, RedisConf.class);

    assertThat(conf.host()).isEqualTo("127.0.0.1:6379");
    assertThat(conf.type()).isEqualTo("node");
    assertThat(conf.user()).isEmpty();
    assertThat(conf.pass()).isEmpty();
    assertThat(conf.tls()).isFalse();
    assertThat(conf.nonBlock()).isTrue();
    assertThat(conf.pingTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(conf.disableIdentity()).isFalse();
    assertThat(conf.protocol()).isEqualTo(3);
    assertThat(conf.maintNotifications()).isFalse();
    assertThat(conf).isEqualTo(RedisConf.node("127.0.0.1:6379"));
  }

  @Test
  void everyGoZeroKey_binds() {
    String yaml =
        "Host: a:7000,b:7000\nType: cluster\nUser: u\nPass: secret\nTls: true\nNonBlock: false\n"
            + "PingTimeout: 250ms\nDisableIdentity: true\nProtocol: 2\nMaintNotifications: true\n";

    RedisConf conf = Conf.load(yaml, Format.YAML, RedisConf.class);

    assertThat(conf.isCluster()).isTrue();
    assertThat(conf.user()).isEqualTo("u");
    assertThat(conf.pass()).isEqualTo("secret");
    assertThat(conf.tls()).isTrue();
    assertThat(conf.nonBlock()).isFalse();
    assertThat(conf.pingTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(conf.disableIdentity()).isTrue();
    assertThat(conf.protocol()).isEqualTo(2);
    assertThat(conf.maintNotifications()).isTrue();
    assertThat(conf.toString()).doesNotContain("secret");
  }

  @Test
  void badType_isRejectedByTheBinder() {
    assertThatThrownBy(() -> Conf.load("Host: h:1\nType: sentinel\n", Format.YAML, RedisConf.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Type");
  }

  @Test
  void emptyHost_isRejectedWithGoZeroMessage() {
    assertThatThrownBy(() -> RedisConf.node(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("empty redis host");
  }

  @Test
  void withers_copyAndChangeOneField() {
    RedisConf conf = RedisConf.node("h:1").withAuth("u", "p").withTls(true).withProtocol(2);

    assertThat(conf.user()).isEqualTo("u");
    assertThat(conf.pass()).isEqualTo("p");
    assertThat(conf.tls()).isTrue();
    assertThat(conf.protocol()).isEqualTo(2);
    assertThat(conf.withNonBlock(false).nonBlock()).isFalse();
  }

  @Test
  void hosts_areSplitTrimmedAndDeduplicated() {
    assertThat(Connector.hosts(" a:1, b:2 ,a:1,,c:3")).containsExactly("a:1", "b:2", "c:3");
  }

  @Test
  void hostAndPort_parsesPortsAndIpv6() {
    assertThat(Connector.parse("redis:6380")).isEqualTo(new Connector.HostAndPort("redis", 6380));
    assertThat(Connector.parse("redis")).isEqualTo(new Connector.HostAndPort("redis", 6379));
    assertThat(Connector.parse("[::1]:7000")).isEqualTo(new Connector.HostAndPort("::1", 7000));
    assertThat(Connector.parse("::1")).isEqualTo(new Connector.HostAndPort("::1", 6379));
    assertThatThrownBy(() -> Connector.parse("redis:99999"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis:99999");
  }
}
