package io.github.zero4j.examples.mall.payment;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.examples.mall.MallService;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.ApiErrors;
import io.github.zero4j.examples.mall.common.ApiOk;
import io.github.zero4j.examples.mall.infra.Resources;
import io.github.zero4j.examples.mall.proto.PayReq;
import io.github.zero4j.examples.mall.proto.QueryPaymentReq;
import io.github.zero4j.examples.mall.rpc.UnaryService;
import io.github.zero4j.rest.DevServer;
import io.github.zero4j.rest.HttpMethod;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.RestConf;
import io.github.zero4j.rest.RestServer;
import io.github.zero4j.rest.httpx.Default;
import io.github.zero4j.rest.httpx.Options;
import io.github.zero4j.rest.httpx.Range;
import io.github.zero4j.rpc.RpcServer;
import io.github.zero4j.stores.sql.SqlConn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code payment-rpc}: {@code mall.payment.PaymentService} over {@code mall_payment}, plus the demo
 * switch on its admin port: {@code PUT /admin/mode {"mode":"normal|slow|fail|down","delayMs":3000}}
 * and {@code GET /admin/mode}, both answering {@code {mode, delayMs, payCalls}} in the envelope.
 */
public final class PaymentRpc implements MallService {
  private static final Logger log = LoggerFactory.getLogger(PaymentRpc.class);

  /** The service name. */
  public static final String NAME = "payment-rpc";

  private final RpcServer server;
  private final RestServer admin;
  private final Resources resources;

  private PaymentRpc(RpcServer server, RestServer admin, Resources resources) {
    this.server = server;
    this.admin = admin;
    this.resources = resources;
  }

  /** The body of {@code PUT /admin/mode}. */
  record ModeBody(
      @Options({"normal", "slow", "fail", "down"}) String mode,
      @Default("3000") @Range("[0:60000]") long delayMs) {}

  /** What {@code /admin/mode} answers. */
  record ModeView(String mode, long delayMs, long payCalls) {}

  /** Creates the table and starts the gRPC and admin servers. */
  public static PaymentRpc start(PaymentRpcConf conf, Wiring wiring) {
    requireNonNull(conf, "conf");
    requireNonNull(wiring, "wiring");
    Resources resources = new Resources();
    try {
      SqlConn sql = resources.add(SqlConn.create(conf.mysql()));
      PaymentStore store = new PaymentStore(sql);
      store.migrate();
      PaymentService payments = new PaymentService(store);
      RpcServer server =
          resources.add(
              RpcServer.builder(conf.rpc())
                  .addService(
                      UnaryService.builder(PaymentMethods.SERVICE)
                          .method(PaymentMethods.PAY, (PayReq r) -> payments.pay(r))
                          .method(
                              PaymentMethods.QUERY_PAYMENT,
                              (QueryPaymentReq r) -> payments.query(r))
                          .build())
                  .build()
                  .start());
      RestServer admin =
          resources.add(
              RestServer.builder()
                  .name(NAME + "-admin")
                  .host(conf.admin().host())
                  .port(conf.admin().port())
                  .cpuThreshold(0)
                  .errorHandler(new ApiErrors())
                  .okHandler(new ApiOk())
                  .route(HttpMethod.GET, "/admin/mode", request -> Response.json(view(payments)))
                  .route(
                      HttpMethod.PUT,
                      "/admin/mode",
                      request -> {
                        ModeBody body = request.bind(ModeBody.class);
                        PaymentMode next = new PaymentMode(body.mode(), body.delayMs());
                        payments.mode(next);
                        log.warn(
                            "payment mode switched to {} (delay {} ms)",
                            next.mode(),
                            next.delayMs());
                        return Response.json(view(payments));
                      })
                  .build()
                  .start());
      if (conf.devServer().filter(RestConf.DevServerConf::enabled).isPresent()) {
        resources.add(DevServer.builder(conf.devServer().get()).build().start());
      }
      return new PaymentRpc(server, admin, resources);
    } catch (RuntimeException e) {
      resources.closeAfter(e);
      throw e;
    }
  }

  private static ModeView view(PaymentService payments) {
    PaymentMode mode = payments.mode();
    return new ModeView(mode.mode(), mode.delayMs(), payments.payCalls());
  }

  /** The bound gRPC port. */
  public int port() {
    return server.port();
  }

  /** The bound admin port. */
  public int adminPort() {
    return admin.port();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String address() {
    return "127.0.0.1:" + server.port();
  }

  /** Stops the dev and admin servers, the gRPC server (calls in flight finish), then the pool. */
  @Override
  public void close() {
    resources.close();
  }
}
