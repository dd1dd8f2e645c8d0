package io.github.zero4j.queue.kq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.conf.Conf;
import io.github.zero4j.core.conf.ConfigException;
import io.github.zero4j.core.conf.Format;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KqConfTest {

  /** go-zero-looklook's order-mq config: the service's own keys around a kq block. */
  record OrderMqConf(String name, String mode, KqConf paymentUpdateStatusConf) {}

  private static final String LOOKLOOK_ORDER_MQ =
      """
      Name: order-mq
      Mode: dev

      #kq
      PaymentUpdateStatusConf:
        Name: PaymentUpdateStatus
        Brokers:
          - kafka:9092
        Group: payment-update-paystatus-group
        Topic: payment-update-paystatus-topic
        Offset: first
        Consumers: 1
        Processors: 1
      """;

  @Test
  void goQueueYaml_bindsUnchanged_withGoQueueDefaults() {
    OrderMqConf conf = Conf.load(LOOKLOOK_ORDER_MQ, Format.YAML, OrderMqConf.class);
    KqConf kq = conf.paymentUpdateStatusConf();

    assertThat(kq.name()).isEqualTo("PaymentUpdateStatus");
    assertThat(kq.brokers()).containsExactly("kafka:9092");
    assertThat(kq.group()).isEqualTo("payment-update-paystatus-group");
    assertThat(kq.topic()).isEqualTo("payment-update-paystatus-topic");
    assertThat(kq.offset()).isEqualTo(KqConf.FIRST);
    assertThat(kq.consumers()).isEqualTo(1);
    assertThat(kq.processors()).isEqualTo(1);
    // go-queue's defaults (kq/config.go)
    assertThat(kq.conns()).isEqualTo(1);
    assertThat(kq.minBytes()).isEqualTo(10_240);
    assertThat(kq.maxBytes()).isEqualTo(10_485_760);
    assertThat(kq.forceCommit()).isTrue();
    assertThat(kq.commitInOrder()).isFalse();
    assertThat(kq.caFile()).isEmpty();
    assertThat(kq.username()).isEmpty();
    // go-queue's QueueOptions defaults
    assertThat(kq.commitInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(kq.maxWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(kq.maxInFlight()).isEqualTo(1000);
    // zero4j's additions
    assertThat(kq.retries()).isEqualTo(KqConf.DEFAULT_RETRIES);
    assertThat(kq.retryBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(kq.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(kq.deadLetterTopic()).isEmpty();
    assertThat(kq.hasDeadLetterTopic()).isFalse();
    assertThat(kq.keyOrdered()).isTrue();
    assertThat(kq.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void defaultsOfAMinimalBlock_matchGoQueue() {
    KqConf kq = Conf.load("{Brokers: [k:9092], Group: g, Topic: t}", Format.YAML, KqConf.class);
    assertThat(kq.offset()).isEqualTo(KqConf.LAST);
    assertThat(kq.consumers()).isEqualTo(8);
    assertThat(kq.processors()).isEqualTo(8);
    assertThat(kq.displayName()).isEqualTo("t");
    assertThat(kq).isEqualTo(KqConf.builder(List.of("k:9092"), "g", "t").build());
  }

  @Test
  void zero4jKeys_andGoStyleValues_bind() {
    String yaml =
        """
        Brokers: k1:9092,k2:9092
        Group: g
        Topic: t
        Username: alice
        Password: secret
        MinBytes: 1KiB
        MaxBytes: 2MiB
        ForceCommit: false
        CommitInOrder: true
        CommitInterval: 500ms
        MaxWait: 250
        Retries: 5
        RetryBackoff: 20ms
        RetryMaxBackoff: 1s
        DeadLetterTopic: t-dlt
        MaxInFlight: 64
        KeyOrdered: false
        DrainTimeout: 2s
        """;
    KqConf kq = Conf.load(yaml, Format.YAML, KqConf.class);
    assertThat(kq.brokers()).containsExactly("k1:9092", "k2:9092");
    assertThat(kq.minBytes()).isEqualTo(1024);
    assertThat(kq.maxBytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(kq.forceCommit()).isFalse();
    assertThat(kq.commitInOrder()).isTrue();
    assertThat(kq.commitInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(kq.maxWait()).isEqualTo(Duration.ofMillis(250));
    assertThat(kq.retries()).isEqualTo(5);
    assertThat(kq.retryBackoff()).isEqualTo(Duration.ofMillis(20));
    assertThat(kq.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(kq.deadLetterTopic()).isEqualTo("t-dlt");
    assertThat(kq.maxInFlight()).isEqualTo(64);
    assertThat(kq.keyOrdered()).isFalse();
    assertThat(kq.drainTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(kq.toString()).contains("password=******").doesNotContain("secret");
  }

  @Test
  void badValues_areReportedWithTheKey() {
    assertThatThrownBy(
            () ->
                Conf.load(
                    "{Brokers: [k:9092], Group: g, Topic: t, Offset: newest}",
                    Format.YAML,
                    KqConf.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Offset");
    assertThatThrownBy(
            () ->
                Conf.load(
                    "{Brokers: [k:9092], Group: g, Topic: t, Processors: 0}",
                    Format.YAML,
                    KqConf.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Processors");
    assertThatThrownBy(() -> Conf.load("{Brokers: [k:9092], Group: g}", Format.YAML, KqConf.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Topic");
    assertThatThrownBy(
            () ->
                Conf.load(
                    "{Brokers: [k:9092], Group: g, Topic: t, Procesors: 2}",
                    Format.YAML,
                    KqConf.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Processors");
  }

  @Test
  void constructor_checksFieldsAgainstEachOther() {
    KqConf.Builder b = KqConf.builder(List.of("k:9092"), "g", "t");
    assertThatThrownBy(() -> b.deadLetterTopic("t").build())
        .hasMessageContaining("deadLetterTopic: t (expected: a topic other than t)");
    assertThatThrownBy(
            () ->
                KqConf.builder(List.of("k:9092"), "g", "t")
                    .retryBackoff(Duration.ofSeconds(5))
                    .retryMaxBackoff(Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("retryMaxBackoff");
    assertThatThrownBy(
            () -> KqConf.builder(List.of("k:9092"), "g", "t").minBytes(10).maxBytes(5).build())
        .hasMessageContaining("maxBytes: 5 (expected: >= 10)");
    assertThatThrownBy(() -> KqConf.builder(List.of(), "g", "t").build())
        .hasMessageContaining("brokers");
    assertThatThrownBy(() -> b.offset("middle")).hasMessageContaining("offset: \"middle\"");
    assertThatThrownBy(() -> b.processors(0))
        .hasMessageContaining("processors: 0 (expected: >= 1)");
  }

  @Test
  void toBuilder_copiesEveryField() {
    KqConf a =
        KqConf.builder(List.of("k:9092"), "g", "t")
            .name("n")
            .offset(KqConf.FIRST)
            .conns(2)
            .consumers(3)
            .processors(4)
            .retries(7)
            .deadLetterTopic("dlt")
            .maxInFlight(9)
            .keyOrdered(false)
            .commitInOrder(true)
            .forceCommit(false)
            .credentials("u", "p")
            .caFile("/ca.pem")
            .build();
    assertThat(a.toBuilder().build()).isEqualTo(a);
    assertThat(a.toBuilder().topic("other").build().topic()).isEqualTo("other");
  }
}
