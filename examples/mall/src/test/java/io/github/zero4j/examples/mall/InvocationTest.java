package io.github.zero4j.examples.mall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationTest {
  private static final List<String> SERVICES = List.of("user-api", "notification-mq");

  @Test
  void noArgumentsOrEmbeddedRunEverything() {
    assertThat(Invocation.parse(List.of(), SERVICES).mode()).isEqualTo(Invocation.Mode.EMBEDDED);
    assertThat(Invocation.parse(List.of("embedded"), SERVICES).mode())
        .isEqualTo(Invocation.Mode.EMBEDDED);
  }

  @Test
  void serviceWithFile() {
    Invocation invocation = Invocation.parse(List.of("user-api", "-f", "conf/u.yaml"), SERVICES);

    assertThat(invocation.mode()).isEqualTo(Invocation.Mode.SERVICE);
    assertThat(invocation.service()).isEqualTo("user-api");
    assertThat(invocation.file()).isEqualTo(Path.of("conf/u.yaml"));
  }

  @Test
  void serviceAloneReadsEtcFile() {
    Invocation invocation = Invocation.parse(List.of("notification-mq"), SERVICES);

    assertThat(invocation.file()).isEqualTo(Path.of("etc", "notification-mq.yaml"));
  }

  @Test
  void help() {
    assertThat(Invocation.parse(List.of("--help"), SERVICES).mode())
        .isEqualTo(Invocation.Mode.HELP);
    assertThat(Invocation.parse(List.of("-h"), SERVICES).mode()).isEqualTo(Invocation.Mode.HELP);
  }

  @Test
  void unknownServiceNamesTheKnownOnes() {
    assertThatThrownBy(() -> Invocation.parse(List.of("cart-api"), SERVICES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown service: cart-api (expected: one of user-api, notification-mq)");
  }

  @Test
  void malformedFlagsAreRejected() {
    assertThatThrownBy(() -> Invocation.parse(List.of("user-api", "-f"), SERVICES))
        .hasMessageContaining("expected: -f <file>");
    assertThatThrownBy(() -> Invocation.parse(List.of("user-api", "-c", "x.yaml"), SERVICES))
        .hasMessageContaining("-c x.yaml");
    assertThatThrownBy(() -> Invocation.parse(List.of("user-api", "-f", ""), SERVICES))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Invocation.parse(List.of("embedded", "extra"), SERVICES))
        .hasMessageContaining("unknown service: embedded");
  }

  @Test
  void usageNamesEveryService() {
    assertThat(Invocation.usage(SERVICES))
        .contains("java -jar mall.jar [embedded]")
        .contains("<service> [-f <file>]")
        .contains("services: user-api, notification-mq");
  }
}
