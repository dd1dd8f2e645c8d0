package io.github.zero4j.examples.mall.order;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.breaker.BreakerRegistry;
import io.github.zero4j.examples.mall.MallService;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.OrderEvent;
import io.github.zero4j.examples.mall.infra.Resources;
import io.github.zero4j.examples.mall.proto.CreateOrderReq;
import io.github.zero4j.examples.mall.proto.GetOrderReq;
import io.github.zero4j.examples.mall.rpc.UnaryClient;
import io.github.zero4j.examples.mall.rpc.UnaryService;
import io.github.zero4j.queue.Pusher;
import io.github.zero4j.queue.kq.KafkaPusher;
import io.github.zero4j.queue.kq.KqConf;
import io.github.zero4j.rest.DevServer;
import io.github.zero4j.rest.RestConf;
import io.github.zero4j.rpc.RpcClient;
import io.github.zero4j.rpc.RpcServer;
import io.github.zero4j.stores.sql.SqlConn;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code order-rpc}: {@code mall.order.OrderService} over {@code mall_order}, calling user-rpc,
 * product-rpc and payment-rpc, publishing {@code order-events}.
 *
 * <p>Events go to Kafka through a {@link KafkaPusher} built from {@code Kq}, or to the process's
 * {@code InProcBroker} when the wiring has one. The payment client is a plain zero-rpc client: its
 * breaker and its {@code Timeout} turn a slow or absent payment-rpc into PENDING orders (see {@link
 * PaymentOutcome}).
 */
public final class OrderRpc implements MallService {

  /** The service name. */
  public static final String NAME = "order-rpc";

  /**
   * How long a Kafka push may wait for its acknowledgement (and block while metadata is unknown)
   * before it fails and is reported; below the order-api route timeout.
   */
  static final Duration PUSH_DELIVERY_TIMEOUT = Duration.ofSeconds(5);

  private final Resources resources;
  private final RpcServer server;

  private OrderRpc(Resources resources, RpcServer server) {
    this.resources = resources;
    this.server = server;
  }

  /** Creates the table, connects the clients and the pusher, and starts serving. */
  public static OrderRpc start(OrderRpcConf conf, Wiring wiring) {
    return start(conf, wiring, null);
  }

  /**
   * As {@link #start(OrderRpcConf, Wiring)}, with the payment client's breakers taken from {@code
   * paymentBreakers} (tests make its drops deterministic).
   */
  static OrderRpc start(
      OrderRpcConf conf, Wiring wiring, @Nullable BreakerRegistry paymentBreakers) {
    requireNonNull(conf, "conf");
    requireNonNull(wiring, "wiring");
    Resources opened = new Resources();
    try {
      SqlConn sql = opened.add(SqlConn.create(conf.mysql()));
      OrderStore store = new OrderStore(sql);
      store.migrate();
      Pusher pusher = opened.add(pusher(conf, wiring));
      RpcClient users = opened.add(RpcClient.create(conf.userRpc()));
      RpcClient products = opened.add(RpcClient.create(conf.productRpc()));
      RpcClient.Builder paymentClient = RpcClient.builder(conf.paymentRpc());
      if (paymentBreakers != null) {
        paymentClient.breakerRegistry(paymentBreakers);
      }
      RpcClient payments = opened.add(paymentClient.build());
      OrderService orders =
          new OrderService(
              store,
              new OrderEvents(pusher),
              UnaryClient.of(users.channel()),
              UnaryClient.of(products.channel()),
              UnaryClient.of(payments.channel()));
      RpcServer server =
          opened.add(
              RpcServer.builder(conf.rpc())
                  .addService(
                      UnaryService.builder(OrderMethods.SERVICE)
                          .method(OrderMethods.CREATE_ORDER, (CreateOrderReq r) -> orders.create(r))
                          .method(OrderMethods.GET_ORDER, (GetOrderReq r) -> orders.get(r))
                          .build())
                  .build()
                  .start());
      conf.devServer()
          .filter(RestConf.DevServerConf::enabled)
          .ifPresent(dev -> opened.add(DevServer.builder(dev).build().start()));
      return new OrderRpc(opened, server);
    } catch (RuntimeException e) {
      opened.closeAfter(e);
      throw e;
    }
  }

  private static Pusher pusher(OrderRpcConf conf, Wiring wiring) {
    if (wiring.broker().isPresent()) {
      return wiring.broker().get().pusher(OrderEvent.TOPIC);
    }
    KqConf kq =
        conf.kq()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Kq: absent (expected: Kafka Brokers and Topic when the process has no"
                            + " in-process broker)"));
    return KafkaPusher.builder(kq).deliveryTimeout(PUSH_DELIVERY_TIMEOUT).build();
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
    return "127.0.0.1:" + server.port();
  }

  /** Closes everything in reverse order of opening: the server first, the pool last. */
  @Override
  public void close() {
    resources.close();
  }
}
