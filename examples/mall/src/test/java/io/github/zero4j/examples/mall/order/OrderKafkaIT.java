package io.github.zero4j.examples.mall.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.OrderEvent;
import io.github.zero4j.examples.mall.payment.PaymentRpc;
import io.github.zero4j.examples.mall.payment.PaymentRpcConf;
import io.github.zero4j.examples.mall.product.ProductRpc;
import io.github.zero4j.examples.mall.product.ProductRpcConf;
import io.github.zero4j.examples.mall.proto.CreateOrderReq;
import io.github.zero4j.examples.mall.proto.CreateOrderResp;
import io.github.zero4j.examples.mall.proto.GetUserResp;
import io.github.zero4j.examples.mall.rpc.UnaryClient;
import io.github.zero4j.examples.mall.rpc.UnaryService;
import io.github.zero4j.examples.mall.user.UserMethods;
import io.github.zero4j.queue.kq.KqConf;
import io.github.zero4j.rpc.RpcClient;
import io.github.zero4j.rpc.RpcClientConf;
import io.github.zero4j.rpc.RpcServer;
import io.github.zero4j.rpc.RpcServerConf;
import io.github.zero4j.stores.sql.SqlConf;
import io.github.zero4j.testing.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The standalone wiring: order-rpc publishes {@code order-events} to Kafka via KafkaPusher. */
class OrderKafkaIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.create();

  @Test
  void aPaidOrdersEventsReachKafkaInOrderUnderItsKey() throws Exception {
    try (Admin admin =
        Admin.create(props(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(OrderEvent.TOPIC, 1, (short) 1))).all().get();
    }
    SqlConf db = MallIt.freshDatabase("mall_it_order_kafka");
    RpcServerConf rpc = RpcServerConf.of("127.0.0.1:0").withTimeout(Duration.ofSeconds(10));
    try (RpcServer users =
            RpcServer.builder(rpc)
                .addService(
                    UnaryService.builder(UserMethods.SERVICE)
                        .method(
                            UserMethods.GET_USER,
                            r -> GetUserResp.newBuilder().setUserId(r.getUserId()).build())
                        .build())
                .build()
                .start();
        ProductRpc products =
            ProductRpc.start(new ProductRpcConf(rpc, db, List.of()), Wiring.standalone());
        PaymentRpc payments =
            PaymentRpc.start(
                new PaymentRpcConf(rpc, db, new PaymentRpcConf.AdminConf("127.0.0.1", 0)),
                Wiring.standalone());
        OrderRpc orders =
            OrderRpc.start(
                new OrderRpcConf(
                    rpc,
                    db,
                    endpoint(users.port()),
                    endpoint(products.port()),
                    endpoint(payments.port()),
                    Optional.of(
                        KqConf.builder(
                                List.of(KAFKA.bootstrapServers()), "order-rpc", OrderEvent.TOPIC)
                            .build())),
                Wiring.standalone());
        RpcClient client = MallIt.client(orders.port());
        KafkaConsumer<String, String> consumer = consumer()) {
      CreateOrderResp created =
          UnaryClient.of(client.channel())
              .call(
                  OrderMethods.CREATE_ORDER,
                  CreateOrderReq.newBuilder()
                      .setUserId(5)
                      .setProductId(3)
                      .setQuantity(1)
                      .setPaymentMethod("balance")
                      .build());
      assertThat(created.getStatus()).isEqualTo("PAID");

      consumer.subscribe(List.of(OrderEvent.TOPIC));
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < 2 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      assertThat(records).hasSize(2);
      ObjectMapper json = new ObjectMapper();
      List<String> types = new ArrayList<>();
      for (ConsumerRecord<String, String> r : records) {
        assertThat(r.key()).isEqualTo(Long.toString(created.getOrderId()));
        OrderEvent event = json.readValue(r.value(), OrderEvent.class);
        assertThat(event.orderId()).isEqualTo(created.getOrderId());
        assertThat(event.userId()).isEqualTo(5);
        assertThat(event.amount()).isEqualTo(129900);
        types.add(event.eventType());
      }
      assertThat(types).containsExactly(OrderEvent.ORDER_CREATED, OrderEvent.ORDER_PAID);
    }
  }

  private static RpcClientConf endpoint(int port) {
    return RpcClientConf.ofEndpoints(List.of("127.0.0.1:" + port))
        .withTimeout(Duration.ofSeconds(5));
  }

  private static KafkaConsumer<String, String> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "order-kafka-it");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
  }

  private static Properties props(String key, String value) {
    Properties p = new Properties();
    p.put(key, value);
    return p;
  }
}
