package io.github.zero4j.examples.mall.order;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.examples.mall.MallService;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.ApiErrors;
import io.github.zero4j.examples.mall.common.ApiOk;
import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.examples.mall.common.Handlers;
import io.github.zero4j.examples.mall.common.Probes;
import io.github.zero4j.examples.mall.infra.Resources;
import io.github.zero4j.examples.mall.proto.CreateOrderReq;
import io.github.zero4j.examples.mall.proto.CreateOrderResp;
import io.github.zero4j.examples.mall.proto.GetOrderReq;
import io.github.zero4j.examples.mall.proto.Order;
import io.github.zero4j.examples.mall.rpc.UnaryClient;
import io.github.zero4j.rest.DevServer;
import io.github.zero4j.rest.HttpMethod;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.RestServer;
import io.github.zero4j.rest.RouteGroup;
import io.github.zero4j.rest.httpx.Options;
import io.github.zero4j.rest.httpx.Range;
import io.github.zero4j.rest.jwt.JwtAuth;
import io.github.zero4j.rpc.EtcdConf;
import io.github.zero4j.rpc.RpcClient;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code order-api}: {@code /api/v1/order} behind JWT ({@code POST /create}, {@code GET
 * /:orderId}), {@code /health} and {@code /ready}, and the dev server when configured.
 */
public final class OrderApi implements MallService {
  /** The service name. */
  public static final String NAME = "order-api";

  /** The route prefix. */
  public static final String PREFIX = "/api/v1/order";

  /** How long a readiness check may take. */
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

  private final RestServer server;
  private final Resources resources;

  private OrderApi(RestServer server, Resources resources) {
    this.server = server;
    this.resources = resources;
  }

  /** The body of {@code POST /create}. */
  record CreateBody(
      long productId,
      @Range("[1:]") int quantity,
      @Options({"alipay", "wechat", "balance"}) String paymentMethod) {}

  /** The answer of {@code POST /create}. */
  record CreateResult(long orderId, String status, String paymentId, String message) {}

  /** The answer of {@code GET /:orderId}; amount in cents. */
  record OrderView(
      long orderId,
      long userId,
      long productId,
      int quantity,
      long amount,
      String status,
      String paymentId,
      String paymentMethod,
      long createdAt) {}

  /** Connects to order-rpc and starts serving (the dev server first, when configured). */
  public static OrderApi start(OrderApiConf conf, Wiring wiring) {
    requireNonNull(conf, "conf");
    requireNonNull(wiring, "wiring");
    Resources resources = new Resources();
    try {
      RpcClient orderRpc = resources.add(RpcClient.create(conf.orderRpc()));
      UnaryClient orders = UnaryClient.of(orderRpc.channel());
      JwtAuth jwt = JwtAuth.of(conf.auth().accessSecret());
      Probes probes = Probes.create();
      Optional<EtcdConf> etcd = conf.orderRpc().etcd();
      if (etcd.isPresent()) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CHECK_TIMEOUT).build();
        probes.check("etcd", () -> etcdHealthy(http, etcd.get()));
      }
      probes.check("order-rpc", () -> serving(orderRpc));
      RestServer.Builder builder =
          RestServer.builder(conf.rest())
              .errorHandler(new ApiErrors())
              .okHandler(new ApiOk())
              .group(
                  RouteGroup.builder()
                      .prefix(PREFIX)
                      .timeout(conf.createTimeout())
                      .jwt(jwt)
                      .route(
                          HttpMethod.POST,
                          "/create",
                          Handlers.answering(request -> create(orders, request)))
                      .build())
              .group(
                  RouteGroup.builder()
                      .prefix(PREFIX)
                      .jwt(jwt)
                      .route(
                          HttpMethod.GET,
                          "/:orderId",
                          Handlers.answering(request -> get(orders, request)))
                      .build());
      probes.routes(builder);
      RestServer server = builder.build();
      if (conf.rest().service().devServer().isPresent()) {
        resources
            .add(DevServer.builder(conf.rest().service().devServer().get()).build().start())
            .probe(server);
      }
      resources.add(server.start());
      return new OrderApi(server, resources);
    } catch (RuntimeException e) {
      resources.closeAfter(e);
      throw e;
    }
  }

  private static Response create(UnaryClient orders, Request request) {
    long userId = userId(request);
    CreateBody body = request.bind(CreateBody.class);
    CreateOrderReq call =
        CreateOrderReq.newBuilder()
            .setUserId(userId)
            .setProductId(body.productId())
            .setQuantity(body.quantity())
            .setPaymentMethod(body.paymentMethod())
            .build();
    CreateOrderResp resp =
        Handlers.withinDeadline(request, () -> orders.call(OrderMethods.CREATE_ORDER, call));
    return Response.json(
        new CreateResult(
            resp.getOrderId(), resp.getStatus(), resp.getPaymentId(), resp.getMessage()));
  }

  private static Response get(UnaryClient orders, Request request) {
    long userId = userId(request);
    String text = request.pathParam("orderId");
    long orderId;
    try {
      orderId = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new BizException(
          BizCode.REQUEST_PARAM_ERROR, "path orderId: " + text + " (expected: an integer)");
    }
    GetOrderReq call = GetOrderReq.newBuilder().setOrderId(orderId).setUserId(userId).build();
    Order o = Handlers.withinDeadline(request, () -> orders.call(OrderMethods.GET_ORDER, call));
    return Response.json(
        new OrderView(
            o.getOrderId(),
            o.getUserId(),
            o.getProductId(),
            o.getQuantity(),
            o.getAmount(),
            o.getStatus(),
            o.getPaymentId(),
            o.getPaymentMethod(),
            o.getCreatedAt()));
  }

  /** The JWT's {@code userId} claim (JwtAuth has verified the token). */
  private static long userId(Request request) {
    Object claim = request.attribute("userId").orElse(null);
    if (claim instanceof Long id) {
      return id;
    }
    throw new BizException(BizCode.TOKEN_EXPIRED, "token carries no userId claim");
  }

  private static boolean serving(RpcClient orderRpc) {
    HealthCheckResponse.ServingStatus status =
        HealthGrpc.newBlockingStub(orderRpc.channel())
            .withDeadlineAfter(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .check(HealthCheckRequest.getDefaultInstance())
            .getStatus();
    if (status != HealthCheckResponse.ServingStatus.SERVING) {
      throw new IllegalStateException("order-rpc is " + status);
    }
    return true;
  }

  /** etcd answers {@code GET /health} on its client port; any one healthy host will do. */
  private static boolean etcdHealthy(HttpClient http, EtcdConf etcd) throws Exception {
    Exception last = new IllegalStateException("etcd: no host configured");
    for (String host : etcd.hosts()) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + host + "/health"))
                    .timeout(CHECK_TIMEOUT)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("true")) {
          return true;
        }
        last = new IllegalStateException("etcd " + host + " answered " + response.statusCode());
      } catch (java.io.IOException e) {
        last = e;
      }
    }
    throw last;
  }

  /** The bound port. */
  public int port() {
    return server.port();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String address() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Stops the REST server (requests in flight finish), then the dev server and the client. */
  @Override
  public void close() {
    resources.close();
  }
}
