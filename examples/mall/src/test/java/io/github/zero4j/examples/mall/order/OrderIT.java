package io.github.zero4j.examples.mall.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.breaker.BreakerRegistry;
import io.github.zero4j.core.conf.ConfLoader;
import io.github.zero4j.core.conf.Format;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.examples.mall.common.OrderEvent;
import io.github.zero4j.examples.mall.payment.PaymentRpc;
import io.github.zero4j.examples.mall.payment.PaymentRpcConf;
import io.github.zero4j.examples.mall.product.ProductRpc;
import io.github.zero4j.examples.mall.product.ProductRpcConf;
import io.github.zero4j.examples.mall.proto.CreateOrderReq;
import io.github.zero4j.examples.mall.proto.CreateOrderResp;
import io.github.zero4j.examples.mall.proto.GetOrderReq;
import io.github.zero4j.examples.mall.proto.GetUserResp;
import io.github.zero4j.examples.mall.proto.Order;
import io.github.zero4j.examples.mall.rpc.UnaryClient;
import io.github.zero4j.examples.mall.rpc.UnaryService;
import io.github.zero4j.examples.mall.user.UserMethods;
import io.github.zero4j.queue.inproc.InProcBroker;
import io.github.zero4j.queue.inproc.InProcQueue;
import io.github.zero4j.queue.kq.KqConf;
import io.github.zero4j.rpc.RpcClient;
import io.github.zero4j.rpc.RpcClientConf;
import io.github.zero4j.rpc.RpcServer;
import io.github.zero4j.rpc.RpcServerConf;
import io.github.zero4j.stores.sql.SqlConf;
import io.github.zero4j.testing.FreePorts;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * order-rpc and order-api against real product-rpc and payment-rpc on MariaDB, an in-test user-rpc,
 * and the in-process broker for {@code order-events}.
 */
class OrderIT {
  static final long USER = 7;
  static final long OTHER_USER = 8;
  static final String SECRET = "order-it-secret-0123456789";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static SqlConf db;
  private static RpcServer users;
  private static ProductRpc products;
  private static PaymentRpc payments;
  private static InProcBroker broker;
  private static InProcQueue consumer;
  private static final BlockingQueue<OrderEvent> EVENTS = new LinkedBlockingQueue<>();

  private final List<AutoCloseable> perTest = new ArrayList<>();
  private OrderRpc orderRpc;
  private UnaryClient orders;

  @BeforeAll
  static void startDependencies() {
    db = MallIt.freshDatabase("mall_it_order");
    users =
        RpcServer.builder(RpcServerConf.of("127.0.0.1:0"))
            .addService(
                UnaryService.builder(UserMethods.SERVICE)
                    .method(
                        UserMethods.GET_USER,
                        r -> {
                          if (r.getUserId() != USER && r.getUserId() != OTHER_USER) {
                            throw new BizException(BizCode.USER_NOT_EXIST);
                          }
                          return GetUserResp.newBuilder()
                              .setUserId(r.getUserId())
                              .setNickname("u" + r.getUserId())
                              .build();
                        })
                    .build())
            .build()
            .start();
    products = ProductRpc.start(new ProductRpcConf(rpcConf(), db, List.of()), Wiring.standalone());
    payments = startPayment();
    broker = InProcBroker.create();
    consumer =
        broker.queue(
            KqConf.builder(List.of("inproc"), "order-it", OrderEvent.TOPIC).build(),
            (key, value) -> {
              OrderEvent event = JSON.readValue(value, OrderEvent.class);
              assertThat(key).isEqualTo(event.key());
              EVENTS.add(event);
            });
    consumer.start();
  }

  @AfterAll
  static void stopDependencies() {
    consumer.stop();
    payments.close();
    products.close();
    users.close();
  }

  @BeforeEach
  void startOrderRpc() {
    orderRpc = startOrderRpc(payments.port());
    orders = client(orderRpc.port());
    EVENTS.clear();
  }

  @AfterEach
  void stopPerTest() throws Exception {
    mode("{\"mode\":\"normal\"}");
    for (int i = perTest.size() - 1; i >= 0; i--) {
      perTest.get(i).close();
    }
  }

  @Test
  void aPaidOrderIsPublishedCreatedThenPaid() throws Exception {
    CreateOrderResp created = create(USER, 1, 2);
    assertThat(created.getStatus()).isEqualTo("PAID");
    assertThat(created.getPaymentId()).startsWith("PAY");
    Order order = get(created.getOrderId(), USER);
    assertThat(order.getStatus()).isEqualTo("PAID");
    assertThat(order.getAmount()).isEqualTo(2 * 5900);
    assertThat(order.getPaymentId()).isEqualTo(created.getPaymentId());
    OrderEvent first = EVENTS.poll(10, TimeUnit.SECONDS);
    OrderEvent second = EVENTS.poll(10, TimeUnit.SECONDS);
    assertThat(first).isNotNull();
    assertThat(second).isNotNull();
    assertThat(List.of(first.eventType(), second.eventType()))
        .containsExactly(OrderEvent.ORDER_CREATED, OrderEvent.ORDER_PAID);
    assertThat(second.orderId()).isEqualTo(created.getOrderId());
    assertThat(second.userId()).isEqualTo(USER);
    assertThat(second.amount()).isEqualTo(2 * 5900);
    assertThat(second.status()).isEqualTo("PAID");
  }

  @Test
  void unknownUsersAndOtherUsersOrdersAreRefused() {
    assertThatThrownBy(() -> create(999, 1, 1))
        .isInstanceOfSatisfying(
            BizException.class, e -> assertThat(e.code()).isEqualTo(BizCode.USER_NOT_EXIST));
    CreateOrderResp created = create(USER, 1, 1);
    assertThatThrownBy(() -> get(created.getOrderId(), OTHER_USER))
        .isInstanceOfSatisfying(
            BizException.class, e -> assertThat(e.code()).isEqualTo(BizCode.ORDER_NOT_EXIST));
    assertThatThrownBy(() -> get(Long.MAX_VALUE, USER))
        .isInstanceOfSatisfying(
            BizException.class, e -> assertThat(e.code()).isEqualTo(BizCode.ORDER_NOT_EXIST));
    assertThatThrownBy(() -> create(USER, 4, 1000))
        .isInstanceOfSatisfying(
            BizException.class, e -> assertThat(e.code()).isEqualTo(BizCode.STOCK_INSUFFICIENT));
  }

  @Test
  void aRefusedPaymentFailsTheOrderWithItsMessage() {
    mode("{\"mode\":\"fail\"}");
    CreateOrderResp created = create(USER, 1, 1);
    assertThat(created.getStatus()).isEqualTo("FAILED");
    assertThat(created.getMessage()).isEqualTo(BizCode.PAYMENT_FAILED.message());
    assertThat(get(created.getOrderId(), USER).getStatus()).isEqualTo("FAILED");
  }

  @Test
  void aSlowPaymentLeavesTheOrderPending() {
    mode("{\"mode\":\"slow\",\"delayMs\":3000}");
    CreateOrderResp created = create(USER, 1, 1);
    assertThat(created.getStatus()).isEqualTo("PENDING");
    assertThat(created.getMessage()).isEqualTo("订单已提交,支付结果稍后通知");
    assertThat(created.getPaymentId()).isEmpty();
    assertThat(get(created.getOrderId(), USER).getStatus()).isEqualTo("PENDING");
  }

  @Test
  void aStoppedPaymentServiceLeavesOrdersPending() {
    PaymentRpc doomed = startPayment();
    OrderRpc viaDoomed = startOrderRpc(doomed.port());
    UnaryClient client = client(viaDoomed.port());
    assertThat(create(client, USER, 1, 1).getStatus()).isEqualTo("PAID");
    doomed.close();
    CreateOrderResp pending = create(client, USER, 1, 1);
    assertThat(pending.getStatus()).isEqualTo("PENDING");
    assertThat(get(client, pending.getOrderId(), USER).getStatus()).isEqualTo("PENDING");
  }

  @Test
  void anOpenBreakerAnswersPendingWithoutCallingPayment() {
    mode("{\"mode\":\"down\"}");
    long calls = payCalls();
    // protection 5: the sixth failure in the window makes the drop ratio positive; this breaker
    // drops every call from then on (its random draw is always 0)
    for (int i = 0; i < 6; i++) {
      assertThat(create(USER, 1, 1).getStatus()).isEqualTo("PENDING");
    }
    assertThat(payCalls()).isEqualTo(calls + 6);
    for (int i = 0; i < 3; i++) {
      CreateOrderResp created = create(USER, 1, 1);
      assertThat(created.getStatus()).isEqualTo("PENDING");
      assertThat(created.getMessage()).isEqualTo("订单已提交,支付结果稍后通知");
    }
    assertThat(payCalls()).isEqualTo(calls + 6);
  }

  @Test
  void orderApiCreatesAndReadsOrdersForTheTokensUser() {
    OrderApi api = startOrderApi(orderRpc.port());
    String base = "http://127.0.0.1:" + api.port();
    String token = token(USER);

    HttpResponse<String> created =
        MallIt.http(
            "POST",
            base + "/api/v1/order/create",
            "{\"productId\":2,\"quantity\":1,\"paymentMethod\":\"wechat\"}",
            token);
    assertThat(created.statusCode()).isEqualTo(200);
    JsonNode body = MallIt.json(created);
    assertThat(body.path("code").asInt()).as(created.body()).isZero();
    JsonNode data = body.path("data");
    assertThat(data.path("status").asText()).isEqualTo("PAID");
    assertThat(data.path("paymentId").asText()).startsWith("PAY");
    long orderId = data.path("orderId").asLong();

    HttpResponse<String> read = MallIt.http("GET", base + "/api/v1/order/" + orderId, null, token);
    JsonNode order = MallIt.json(read).path("data");
    assertThat(order.path("orderId").asLong()).isEqualTo(orderId);
    assertThat(order.path("userId").asLong()).isEqualTo(USER);
    assertThat(order.path("amount").asLong()).isEqualTo(39900);
    assertThat(order.path("paymentMethod").asText()).isEqualTo("wechat");

    JsonNode foreign =
        MallIt.json(MallIt.http("GET", base + "/api/v1/order/" + orderId, null, token(OTHER_USER)));
    assertThat(foreign.path("code").asInt()).isEqualTo(3001);

    JsonNode badQuantity =
        MallIt.json(
            MallIt.http(
                "POST",
                base + "/api/v1/order/create",
                "{\"productId\":2,\"quantity\":0,\"paymentMethod\":\"wechat\"}",
                token));
    assertThat(badQuantity.path("code").asInt()).isEqualTo(1002);

    HttpResponse<String> anonymous =
        MallIt.http(
            "POST",
            base + "/api/v1/order/create",
            "{\"productId\":2,\"quantity\":1,\"paymentMethod\":\"wechat\"}",
            null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(MallIt.json(anonymous).path("code").asInt()).isEqualTo(1003);

    assertThat(MallIt.http("GET", base + "/health", null, null).statusCode()).isEqualTo(200);
    HttpResponse<String> ready = MallIt.http("GET", base + "/ready", null, null);
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(MallIt.json(ready).path("checks").path("order-rpc").asText()).isEqualTo("UP");
  }

  @Test
  void orderApiIsNotReadyWithoutOrderRpc() {
    OrderApi api = startOrderApi(FreePorts.next());
    HttpResponse<String> ready =
        MallIt.http("GET", "http://127.0.0.1:" + api.port() + "/ready", null, null);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(MallIt.json(ready).path("checks").path("order-rpc").asText()).isEqualTo("DOWN");
  }

  // ---- fixtures ------------------------------------------------------------------------------

  private static RpcServerConf rpcConf() {
    return RpcServerConf.of("127.0.0.1:0").withTimeout(Duration.ofSeconds(10)).withCpuThreshold(0);
  }

  private static PaymentRpc startPayment() {
    return PaymentRpc.start(
        new PaymentRpcConf(rpcConf(), db, new PaymentRpcConf.AdminConf("127.0.0.1", 0)),
        Wiring.standalone());
  }

  private OrderRpc startOrderRpc(int paymentPort) {
    BreakerRegistry breakers =
        BreakerRegistry.create(name -> Breaker.builder().name(name).random(() -> 0L).build());
    OrderRpc started =
        OrderRpc.start(
            new OrderRpcConf(
                rpcConf(),
                db,
                endpoint(users.port(), Duration.ofSeconds(5)),
                endpoint(products.port(), Duration.ofSeconds(5)),
                endpoint(paymentPort, Duration.ofMillis(1000)),
                Optional.empty()),
            Wiring.inProcess(broker),
            breakers);
    perTest.add(started);
    return started;
  }

  private OrderApi startOrderApi(int orderRpcPort) {
    String yaml =
        "Name: order-api\nHost: 127.0.0.1\nPort: 0\nTimeout: 5000\nCpuThreshold: 0\n"
            + "OrderRpc:\n  Endpoints: [127.0.0.1:"
            + orderRpcPort
            + "]\n  Timeout: 8000\nAuth:\n  AccessSecret: "
            + SECRET
            + "\n";
    OrderApiConf conf = ConfLoader.ofDefaults().load(yaml, Format.YAML, OrderApiConf.class);
    OrderApi api = OrderApi.start(conf, Wiring.standalone());
    perTest.add(api);
    return api;
  }

  private static RpcClientConf endpoint(int port, Duration timeout) {
    return RpcClientConf.ofEndpoints(List.of("127.0.0.1:" + port)).withTimeout(timeout);
  }

  private UnaryClient client(int port) {
    RpcClient client = MallIt.client(port);
    perTest.add(client);
    return UnaryClient.of(client.channel());
  }

  private CreateOrderResp create(long user, long product, int quantity) {
    return create(orders, user, product, quantity);
  }

  private static CreateOrderResp create(UnaryClient client, long user, long product, int quantity) {
    return client.call(
        OrderMethods.CREATE_ORDER,
        CreateOrderReq.newBuilder()
            .setUserId(user)
            .setProductId(product)
            .setQuantity(quantity)
            .setPaymentMethod("alipay")
            .build());
  }

  private Order get(long orderId, long user) {
    return get(orders, orderId, user);
  }

  private static Order get(UnaryClient client, long orderId, long user) {
    return client.call(
        OrderMethods.GET_ORDER,
        GetOrderReq.newBuilder().setOrderId(orderId).setUserId(user).build());
  }

  private static JsonNode mode(String body) {
    HttpResponse<String> response =
        MallIt.http("PUT", "http://127.0.0.1:" + payments.adminPort() + "/admin/mode", body, null);
    assertThat(response.statusCode()).isEqualTo(200);
    return MallIt.json(response);
  }

  private static long payCalls() {
    return MallIt.json(
            MallIt.http(
                "GET", "http://127.0.0.1:" + payments.adminPort() + "/admin/mode", null, null))
        .path("data")
        .path("payCalls")
        .asLong();
  }

  static String token(long userId) {
    return JWT.create()
        .withClaim("userId", userId)
        .withExpiresAt(Instant.now().plusSeconds(600))
        .sign(Algorithm.HMAC256(SECRET));
  }
}
