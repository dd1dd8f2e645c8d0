package io.github.zero4j.examples.mall.order;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.conf.ConfLoader;
import io.github.zero4j.core.conf.Format;
import io.github.zero4j.examples.mall.payment.PaymentRpcConf;
import io.github.zero4j.examples.mall.product.ProductRpcConf;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order slice's YAML files bind, in both modes, with and without environment overrides. */
class ConfFilesTest {
  private static final ConfLoader NO_ENV = ConfLoader.builder().env(Map.of()).build();

  @Test
  void realModeFilesBindWithTheirDefaults() throws IOException {
    ProductRpcConf product = NO_ENV.load(etc("product-rpc"), Format.YAML, ProductRpcConf.class);
    assertThat(product.rpc().listenOn()).isEqualTo("127.0.0.1:9010");
    assertThat(product.mysql().dataSource())
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/mall?createDatabaseIfNotExist=true");
    assertThat(product.mysql().pass()).isEmpty();
    assertThat(product.cacheRedis()).hasSize(1);
    assertThat(product.rpc().etcd().orElseThrow().key()).isEqualTo("product.rpc");

    PaymentRpcConf payment = NO_ENV.load(etc("payment-rpc"), Format.YAML, PaymentRpcConf.class);
    assertThat(payment.admin().port()).isEqualTo(9031);
    assertThat(payment.rpc().etcd().orElseThrow().key()).isEqualTo("payment.rpc");

    OrderRpcConf order = NO_ENV.load(etc("order-rpc"), Format.YAML, OrderRpcConf.class);
    assertThat(order.rpc().listenOn()).isEqualTo("127.0.0.1:9020");
    assertThat(order.userRpc().etcd().orElseThrow().key()).isEqualTo("user.rpc");
    assertThat(order.paymentRpc().timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(order.paymentRpc().middlewares().breaker()).isTrue();
    assertThat(order.kq().orElseThrow().brokers()).containsExactly("127.0.0.1:9092");
    assertThat(order.kq().orElseThrow().topic()).isEqualTo("order-events");

    OrderApiConf api = NO_ENV.load(etc("order-api"), Format.YAML, OrderApiConf.class);
    assertThat(api.rest().port()).isEqualTo(8889);
    assertThat(api.createTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(api.rest().service().devServer().orElseThrow().port()).isEqualTo(6471);
    assertThat(api.orderRpc().etcd().orElseThrow().key()).isEqualTo("order.rpc");
    assertThat(api.auth().accessSecret()).hasSizeGreaterThanOrEqualTo(8);
  }

  @Test
  void environmentVariablesOverrideHostsAndPorts() throws IOException {
    ConfLoader env =
        ConfLoader.builder()
            .env(Map.of("MYSQL_ADDR", "127.0.0.1:3307", "KAFKA_ADDR", "127.0.0.1:19092"))
            .build();
    OrderRpcConf order = env.load(etc("order-rpc"), Format.YAML, OrderRpcConf.class);
    assertThat(order.mysql().dataSource()).startsWith("jdbc:mariadb://127.0.0.1:3307/mall");
    assertThat(order.kq().orElseThrow().brokers()).containsExactly("127.0.0.1:19092");
  }

  @Test
  void embeddedFilesUseH2DirectTargetsAndNoKafka() throws IOException {
    String h2 = "jdbc:h2:mem:mall;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
    ProductRpcConf product =
        NO_ENV.load(embedded("product-rpc"), Format.YAML, ProductRpcConf.class);
    assertThat(product.mysql().dataSource()).isEqualTo(h2);
    assertThat(product.mysql().driverName()).isEqualTo("h2");
    assertThat(product.cacheRedis()).isEmpty();
    assertThat(product.rpc().etcd()).isEmpty();

    PaymentRpcConf payment =
        NO_ENV.load(embedded("payment-rpc"), Format.YAML, PaymentRpcConf.class);
    assertThat(payment.admin().port()).isEqualTo(9031);

    OrderRpcConf order = NO_ENV.load(embedded("order-rpc"), Format.YAML, OrderRpcConf.class);
    assertThat(order.userRpc().endpoints())
        .isEqualTo(List.of("127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003"));
    assertThat(order.productRpc().endpoints()).containsExactly("127.0.0.1:9010");
    assertThat(order.paymentRpc().endpoints()).containsExactly("127.0.0.1:9030");
    assertThat(order.kq()).isEmpty();

    OrderApiConf api = NO_ENV.load(embedded("order-api"), Format.YAML, OrderApiConf.class);
    assertThat(api.rest().port()).isEqualTo(8889);
    assertThat(api.rest().service().devServer()).isEmpty();
    assertThat(api.orderRpc().endpoints()).containsExactly("127.0.0.1:9020");
  }

  private static String etc(String name) throws IOException {
    return Files.readString(Path.of("etc", name + ".yaml"));
  }

  private static String embedded(String name) throws IOException {
    try (InputStream in = ConfFilesTest.class.getResourceAsStream("/embedded/" + name + ".yaml")) {
      return new String(requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
