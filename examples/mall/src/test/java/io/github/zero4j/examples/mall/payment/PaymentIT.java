package io.github.zero4j.examples.mall.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.examples.mall.order.MallIt;
import io.github.zero4j.examples.mall.proto.PayReq;
import io.github.zero4j.examples.mall.proto.Payment;
import io.github.zero4j.examples.mall.proto.QueryPaymentReq;
import io.github.zero4j.examples.mall.rpc.UnaryClient;
import io.github.zero4j.rpc.RpcClient;
import io.github.zero4j.rpc.RpcServerConf;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaymentIT {
  private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

  private static PaymentRpc service;
  private static RpcClient client;
  private static UnaryClient payments;
  private static String admin;

  @BeforeAll
  static void start() {
    Metrics.globalRegistry.add(METERS);
    service =
        PaymentRpc.start(
            new PaymentRpcConf(
                RpcServerConf.of("127.0.0.1:0").withTimeout(Duration.ofSeconds(10)),
                MallIt.freshDatabase("mall_it_payment"),
                new PaymentRpcConf.AdminConf("127.0.0.1", 0)),
            Wiring.standalone());
    client = MallIt.client(service.port());
    payments = UnaryClient.of(client.channel());
    admin = "http://127.0.0.1:" + service.adminPort() + "/admin/mode";
  }

  @AfterAll
  static void stop() {
    client.close();
    service.close();
    Metrics.globalRegistry.remove(METERS);
  }

  @AfterEach
  void normal() {
    mode("{\"mode\":\"normal\"}");
  }

  @Test
  void payingAnOrderTwiceAnswersTheFirstPayment() {
    Payment first = pay(11, 5900, "alipay");
    assertThat(first.getPaymentId()).startsWith("PAY");
    assertThat(first.getStatus()).isEqualTo("SUCCESS");
    assertThat(first.getAmount()).isEqualTo(5900);
    Payment again = pay(11, 5900, "alipay");
    assertThat(again).isEqualTo(first);
    assertThat(pay(12, 100, "wechat").getPaymentId()).isNotEqualTo(first.getPaymentId());
    Payment queried =
        payments.call(
            PaymentMethods.QUERY_PAYMENT,
            QueryPaymentReq.newBuilder().setPaymentId(first.getPaymentId()).build());
    assertThat(queried).isEqualTo(first);
    Timer latency =
        METERS.get("mall_payment_latency").tags("gateway", "alipay", "status", "success").timer();
    assertThat(latency.count()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void anUnknownPaymentIsNotFound() {
    assertThatThrownBy(
            () ->
                payments.call(
                    PaymentMethods.QUERY_PAYMENT,
                    QueryPaymentReq.newBuilder().setPaymentId("PAY0").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void theSwitchMakesPaymentRefuseOrGoDown() {
    long before = view().path("payCalls").asLong();
    JsonNode fail = mode("{\"mode\":\"fail\"}");
    assertThat(fail.path("data").path("mode").asText()).isEqualTo("fail");
    assertThatThrownBy(() -> pay(21, 100, "alipay"))
        .isInstanceOfSatisfying(
            BizException.class, e -> assertThat(e.code()).isEqualTo(BizCode.PAYMENT_FAILED));
    mode("{\"mode\":\"down\"}");
    assertThatThrownBy(() -> pay(21, 100, "alipay"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    JsonNode view = view();
    assertThat(view.path("mode").asText()).isEqualTo("down");
    assertThat(view.path("payCalls").asLong()).isEqualTo(before + 2);
  }

  @Test
  void slowAnswersAfterTheDelayOrWhenTheCallerLeaves() {
    mode("{\"mode\":\"slow\",\"delayMs\":3000}");
    try (RpcClient impatient =
        RpcClient.create(
            io.github.zero4j.rpc.RpcClientConf.ofEndpoints(
                    java.util.List.of("127.0.0.1:" + service.port()))
                .withTimeout(Duration.ofMillis(300)))) {
      assertThatThrownBy(
              () ->
                  UnaryClient.of(impatient.channel())
                      .call(
                          PaymentMethods.PAY,
                          PayReq.newBuilder()
                              .setOrderId(31)
                              .setUserId(1)
                              .setAmount(100)
                              .setMethod("alipay")
                              .build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    }
    long switched = System.currentTimeMillis();
    mode("{\"mode\":\"normal\"}");
    // the impatient caller left: nothing was paid for order 31, so paying now creates the payment
    assertThat(pay(31, 100, "alipay").getPaidAt()).isGreaterThanOrEqualTo(switched);
  }

  @Test
  void aBadModeIs1002() {
    JsonNode answer = mode("{\"mode\":\"sideways\"}");
    assertThat(answer.path("code").asInt()).isEqualTo(1002);
    assertThat(view().path("mode").asText()).isEqualTo("normal");
  }

  private static Payment pay(long orderId, long amount, String method) {
    return payments.call(
        PaymentMethods.PAY,
        PayReq.newBuilder()
            .setOrderId(orderId)
            .setUserId(1)
            .setAmount(amount)
            .setMethod(method)
            .build());
  }

  private static JsonNode mode(String body) {
    HttpResponse<String> response = MallIt.http("PUT", admin, body, null);
    assertThat(response.statusCode()).isEqualTo(200);
    return MallIt.json(response);
  }

  private static JsonNode view() {
    HttpResponse<String> response = MallIt.http("GET", admin, null, null);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = MallIt.json(response);
    assertThat(body.path("code").asInt()).isZero();
    return body.path("data");
  }
}
