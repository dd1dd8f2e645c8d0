package io.github.zero4j.rpc.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EtcdTargetTest {

  @Test
  void currentShape_hostsInPath_keyInQuery() {
    EtcdTarget target =
        EtcdTarget.parse(URI.create("etcd:///10.0.0.1:2379,10.0.0.2:2379?key=user.rpc"));
    assertThat(target.hosts()).containsExactly("10.0.0.1:2379", "10.0.0.2:2379");
    assertThat(target.key()).isEqualTo("user.rpc");
  }

  @Test
  void currentShape_keyIsUrlDecoded() {
    EtcdTarget target = EtcdTarget.parse(URI.create("etcd:///127.0.0.1:2379?key=mall%2Fuser.rpc"));
    assertThat(target.key()).isEqualTo("mall/user.rpc");
    assertThat(target.authority()).isEqualTo("mall_user.rpc");
  }

  @Test
  void legacyShape_hostsInAuthority_keyInPath() {
    EtcdTarget target = EtcdTarget.parse(URI.create("etcd://10.0.0.1:2379,10.0.0.2:2379/user.rpc"));
    assertThat(target.hosts()).containsExactly("10.0.0.1:2379", "10.0.0.2:2379");
    assertThat(target.key()).isEqualTo("user.rpc");
    assertThat(target.authority()).isEqualTo("user.rpc");
  }

  @Test
  void keyQueryWithHostsInAuthority_isAccepted() {
    EtcdTarget target = EtcdTarget.parse(URI.create("etcd://127.0.0.1:2379?key=user.rpc"));
    assertThat(target.hosts()).containsExactly("127.0.0.1:2379");
    assertThat(target.key()).isEqualTo("user.rpc");
  }

  @Test
  void ipv6Host_percentEncodedInThePath() {
    EtcdTarget target = EtcdTarget.parse(URI.create("etcd:///%5B::1%5D:2379?key=k"));
    assertThat(target.hosts()).containsExactly("[::1]:2379");
  }

  @Test
  void malformedTargets_nameTheTarget() {
    assertThatThrownBy(() -> EtcdTarget.parse(URI.create("etcd:///?key=user.rpc")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("etcd:///?key=user.rpc")
        .hasMessageContaining("no etcd hosts");
    assertThatThrownBy(() -> EtcdTarget.parse(URI.create("etcd:///127.0.0.1:2379")))
        .hasMessageContaining("no key");
    assertThatThrownBy(() -> EtcdTarget.parse(URI.create("etcd:///127.0.0.1:2379?key=k&user=u")))
        .hasMessageContaining("user=u");
    assertThatThrownBy(() -> EtcdTarget.parse(URI.create("etcd:///127.0.0.1?key=k")))
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> EtcdTarget.parse(URI.create("etcd:///127.0.0.1:2379,?key=k")))
        .hasMessageContaining("empty endpoint");
  }
}
