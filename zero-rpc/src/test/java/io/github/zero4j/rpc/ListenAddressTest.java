package io.github.zero4j.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

  @Test
  void parse_wildcards_bindEveryInterface() {
    for (String listenOn : new String[] {":8080", "0.0.0.0:8080", "[::]:8080", "*:8080"}) {
      ListenAddress address = ListenAddress.parse(listenOn);
      assertThat(address.isWildcard()).as(listenOn).isTrue();
      assertThat(address.socketAddress().getAddress().isAnyLocalAddress()).as(listenOn).isTrue();
      assertThat(address.socketAddress().getPort()).isEqualTo(8080);
    }
  }

  @Test
  void parse_literalHostAndPortZero() {
    ListenAddress address = ListenAddress.parse("127.0.0.1:0");

    assertThat(address.isWildcard()).isFalse();
    assertThat(address.socketAddress().getHostString()).isEqualTo("127.0.0.1");
    assertThat(address.withPort(4321)).isEqualTo("127.0.0.1:4321");
    assertThat(ListenAddress.parse("[::1]:0").withPort(1)).isEqualTo("[::1]:1");
    assertThat(ListenAddress.parse(":0").withPort(7)).isEqualTo(":7");
  }

  @Test
  void parse_rejectsMissingOrBadPorts() {
    for (String bad : new String[] {"localhost", "host:", "host:x", "host:65536", "::1:80"}) {
      assertThatThrownBy(() -> ListenAddress.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("ListenOn: '" + bad + "'");
    }
  }
}
