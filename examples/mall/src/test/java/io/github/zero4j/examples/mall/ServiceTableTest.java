package io.github.zero4j.examples.mall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.conf.Conf;
import io.github.zero4j.examples.mall.notification.NotificationMqConf;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServiceTableTest {

  @Test
  void namesAreUniqueAndNotificationMqIsRegistered() {
    assertThat(ServiceTable.names()).doesNotHaveDuplicates().contains("notification-mq");
    assertThat(ServiceTable.names()).doesNotContain(Invocation.EMBEDDED);
  }

  @Test
  void unknownNameIsAnError() {
    assertThatThrownBy(() -> ServiceTable.get("cart-api"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service: cart-api (expected: one of ")
        .hasMessageContaining("notification-mq");
  }

  @Test
  void instancesGetConsecutivePortsAndLabels() {
    ServiceTable.Entry<?> entry =
        ServiceTable.get("notification-mq").instances(3, "USER_RPC_PORT", 9001);

    assertThat(entry.label(2)).isEqualTo("notification-mq-2");
    assertThat(ServiceTable.get("notification-mq").label(1)).isEqualTo("notification-mq");
    assertThat(entry.embeddedResource()).isEqualTo("embedded/notification-mq.yaml");
  }

  @Test
  void bothYamlFilesOfEveryRegisteredServiceBind() {
    for (ServiceTable.Entry<?> entry : ServiceTable.SERVICES) {
      Path etc = Path.of("etc", entry.name() + ".yaml");
      assertThat(Conf.load(etc, entry.confClass())).as(etc.toString()).isNotNull();
      for (int i = 1; i <= entry.instances(); i++) {
        assertThat(entry.embeddedConf(i)).as(entry.embeddedResource()).isNotNull();
      }
    }
    NotificationMqConf conf =
        Conf.load(Path.of("etc/notification-mq.yaml"), NotificationMqConf.class);
    assertThat(conf.kq().group()).isEqualTo("notification");
    assertThat(conf.kq().topic()).isEqualTo("order-events");
  }
}
