package io.github.zero4j.examples.mall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.zero4j.examples.mall.order.MallIt;
import io.github.zero4j.testing.FreePorts;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launcher's embedded mode in this JVM, on its fixed ports (8888, 8889, 9001-9003, 9010, 9020,
 * 9030/9031, 6060; nothing else in the build uses them): the demo's flows over HTTP, the payment
 * switch, the process's {@code /metrics}, and every port released after the stop.
 */
class EmbeddedMallIT {
  private static final List<Integer> PORTS =
      List.of(8888, 8889, 9001, 9002, 9003, 9010, 9020, 9030, 9031, 6060);
  private static final String USER = "http://127.0.0.1:8888/api/v1/user";
  private static final String ORDER = "http://127.0.0.1:8889/api/v1/order";
  private static final String ADMIN = "http://127.0.0.1:9031/admin/mode";
  private static final String ONE = "{\"productId\":1,\"quantity\":1,\"paymentMethod\":\"alipay\"}";

  @Test
  void theDemoFlowsRunAgainstTheEmbeddedMallAndItsStopReleasesEveryPort() {
    assertThat(PORTS).noneMatch(FreePorts::isListening);
    Mall.Started mall = Mall.embedded();
    mall.group().start();
    try {
      mall.ready().set(true);
      String mobile = "137" + String.format("%08d", System.nanoTime() % 100_000_000L);
      JsonNode registered =
          json(
              MallIt.http(
                  "POST",
                  USER + "/register",
                  "{\"mobile\":\"" + mobile + "\",\"password\":\"secret123\",\"code\":\"123456\"}",
                  null));
      assertThat(registered.get("code").asInt()).as(registered.toString()).isZero();
      long userId = registered.at("/data/userId").asLong();

      JsonNode login =
          json(
              MallIt.http(
                  "POST",
                  USER + "/login",
                  "{\"mobile\":\"" + mobile + "\",\"password\":\"secret123\"}",
                  null));
      assertThat(login.get("code").asInt()).as(login.toString()).isZero();
      String token = login.at("/data/token").asText();

      JsonNode first = json(MallIt.http("GET", USER + "/" + userId, null, token));
      JsonNode second = json(MallIt.http("GET", USER + "/" + userId, null, token));
      assertThat(first.get("code").asInt()).as(first.toString()).isZero();
      assertThat(first.at("/data/mobile").asText()).isEqualTo(mobile);
      assertThat(second.get("data")).isEqualTo(first.get("data"));

      JsonNode paid = json(MallIt.http("POST", ORDER + "/create", ONE, token));
      assertThat(paid.get("code").asInt()).as(paid.toString()).isZero();
      assertThat(paid.at("/data/status").asText()).isEqualTo("PAID");

      HttpResponse<String> slow =
          MallIt.http("PUT", ADMIN, "{\"mode\":\"slow\",\"delayMs\":3000}", null);
      assertThat(slow.statusCode()).as(slow.body()).isEqualTo(200);
      JsonNode pending = json(MallIt.http("POST", ORDER + "/create", ONE, token));
      assertThat(pending.get("code").asInt()).as(pending.toString()).isZero();
      assertThat(pending.at("/data/status").asText()).isEqualTo("PENDING");
      assertThat(pending.at("/data/message").asText()).isEqualTo("订单已提交,支付结果稍后通知");

      HttpResponse<String> normal = MallIt.http("PUT", ADMIN, "{\"mode\":\"normal\"}", null);
      assertThat(normal.statusCode()).as(normal.body()).isEqualTo(200);
      HttpResponse<String> mode = MallIt.http("GET", ADMIN, null, null);
      assertThat(mode.body()).contains("normal");

      HttpResponse<String> metrics =
          MallIt.http("GET", "http://127.0.0.1:6060/metrics", null, null);
      assertThat(metrics.statusCode()).isEqualTo(200);
      // The counter is named mall_order_created_total, but Prometheus client 1.x reserves the
      // _created suffix (OpenMetrics' creation timestamp) and strips it: it is exposed as
      // mall_order_total.
      assertThat(metrics.body())
          .containsPattern("(?m)^mall_order_total\\{[^}]*status=\"PAID\"[^}]*\\} [1-9]")
          .containsPattern("(?m)^mall_order_total\\{[^}]*status=\"PENDING\"[^}]*\\} [1-9]");
    } finally {
      mall.ready().set(false);
      mall.group().stop();
    }
    assertThat(PORTS).noneMatch(FreePorts::isListening);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return MallIt.json(response);
  }
}
