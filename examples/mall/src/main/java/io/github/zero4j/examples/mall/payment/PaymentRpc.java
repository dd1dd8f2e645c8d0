package io.github.zero4j.examples.mall.payment;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.examples.mall.MallService;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.ApiErrors;
import io.github.zero4j.examples.mall.common.ApiOk;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
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

  private final SqlConn sql;
  private final RpcServer server;
  private final RestServer admin;
  private final @Nullable DevServer dev;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PaymentRpc(SqlConn sql, RpcServer server, RestServer admin, @Nullable DevServer dev) {
    this.sql = sql;
    this.server = server;
    this.admin = admin;
    this.dev = dev;
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
    SqlConn sql = SqlConn.create(conf.mysql());
    RpcServer server = null;
    RestServer admin = null;
    try {
      PaymentStore store = new PaymentStore(sql);
      store.migrate();
      PaymentService payments = new PaymentService(store);
      server =
          RpcServer.builder(conf.rpc())
              .addService(
                  UnaryService.builder(PaymentMethods.SERVICE)
                      .method(PaymentMethods.PAY, (PayReq r) -> payments.pay(r))
                      .method(
                          PaymentMethods.QUERY_PAYMENT, (QueryPaymentReq r) -> payments.query(r))
                      .build())
              .build()
              .start();
      admin =
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
                        "payment mode switched to {} (delay {} ms)", next.mode(), next.delayMs());
                    return Response.json(view(payments));
                  })
              .build()
              .start();
      DevServer dev =
          conf.devServer().filter(RestConf.DevServerConf::enabled).isPresent()
              ? DevServer.builder(conf.devServer().get()).build().start()
              : null;
      return new PaymentRpc(sql, server, admin, dev);
    } catch (RuntimeException e) {
      if (admin != null) {
        admin.close();
      }
      if (server != null) {
        server.close();
      }
      sql.close();
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

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      admin.close();
      if (dev != null) {
        dev.close();
      }
    } finally {
      try {
        server.close();
      } finally {
        sql.close();
      }
    }
  }
}
