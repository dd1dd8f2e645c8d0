package io.github.zero4j.rpc.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenOnTest {
  private static final Map<String, String> POD = Map.of("POD_IP", "10.1.2.3");

  @Test
  void explicitHost_isKept() {
    assertThat(ListenOn.figureOut("192.168.1.5:8080", POD::get)).isEqualTo("192.168.1.5:8080");
    assertThat(ListenOn.figureOut("127.0.0.1:8080", POD::get)).isEqualTo("127.0.0.1:8080");
  }

  @Test
  void wildcardOrEmptyHost_becomesPodIp() {
    assertThat(ListenOn.figureOut("0.0.0.0:8080", POD::get)).isEqualTo("10.1.2.3:8080");
    assertThat(ListenOn.figureOut(":8080", POD::get)).isEqualTo("10.1.2.3:8080");
    assertThat(ListenOn.figureOut("[::]:8080", POD::get)).isEqualTo("10.1.2.3:8080");
  }

  @Test
  void noPodIp_becomesThisMachinesAddress() {
    String value = ListenOn.figureOut("0.0.0.0:8080", name -> null);
    assertThat(value).isEqualTo(ListenOn.internalIp() + ":8080").doesNotStartWith("0.0.0.0");
  }

  @Test
  void malformed_isRejected() {
    assertThatThrownBy(() -> ListenOn.figureOut("8080", POD::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listenOn: '8080'");
    assertThatThrownBy(() -> ListenOn.figureOut("0.0.0.0:http", POD::get))
        .hasMessageContaining("port");
  }

  @Test
  void builder_validatesAtOnce() {
    assertThatThrownBy(() -> EtcdRegistrar.builder().hosts(java.util.List.of()))
        .hasMessage("hosts: [] (expected: at least one host:port)");
    assertThatThrownBy(() -> EtcdRegistrar.builder().key("user.rpc/"))
        .hasMessageContaining("key: 'user.rpc/'");
    assertThatThrownBy(() -> EtcdRegistrar.builder().ttl(java.time.Duration.ofMillis(1500)))
        .hasMessageContaining("ttl: PT1.5S");
    assertThatThrownBy(() -> EtcdRegistrar.builder().id(-1)).hasMessageContaining("id: -1");
    assertThatThrownBy(() -> EtcdRegistrar.builder().hosts("127.0.0.1:2379").key("k").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("listenOn");
  }
}
