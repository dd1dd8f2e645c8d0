package io.github.zero4j.examples.mall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.core.conf.ConfLoader;
import io.github.zero4j.core.conf.Format;
import io.github.zero4j.examples.mall.common.OrderEvent;
import io.github.zero4j.examples.mall.notification.NotificationMq;
import io.github.zero4j.examples.mall.notification.NotificationMqConf;
import io.github.zero4j.examples.mall.order.MallIt;
import io.github.zero4j.examples.mall.order.OrderApi;
import io.github.zero4j.examples.mall.order.OrderApiConf;
import io.github.zero4j.examples.mall.order.OrderRpc;
import io.github.zero4j.examples.mall.order.OrderRpcConf;
import io.github.zero4j.examples.mall.payment.PaymentRpc;
import io.github.zero4j.examples.mall.payment.PaymentRpcConf;
import io.github.zero4j.examples.mall.product.ProductRpc;
import io.github.zero4j.examples.mall.product.ProductRpcConf;
import io.github.zero4j.examples.mall.user.UserApi;
import io.github.zero4j.examples.mall.user.UserApiConf;
import io.github.zero4j.examples.mall.user.UserRpc;
import io.github.zero4j.examples.mall.user.UserRpcConf;
import io.github.zero4j.testing.EtcdServer;
import io.github.zero4j.testing.FreePorts;
import io.github.zero4j.testing.KafkaBroker;
import io.github.zero4j.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole mall in real mode, in this JVM: every service loaded from its {@code etc/<name>.yaml}
 * with hosts and ports overridden through the files' {@code ${VAR:-default}} variables, against a
 * private etcd, Kafka and Redis and a fresh MariaDB database. Three user-rpc instances register in
 * etcd; user-api and order-rpc find them there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MallEndToEndIT {
  @RegisterExtension static final EtcdServer ETCD = EtcdServer.create();
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.create();
  @RegisterExtension static final RedisServer REDIS = RedisServer.create();

  private static final String DATABASE = "mall_e2e";
  private static final String ORDER =
      "{\"productId\":1,\"quantity\":1,\"paymentMethod\":\"alipay\"}";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What notification-mq sent, as {@code recipient|text}. */
  private static final ConcurrentLinkedQueue<String> SENT = new ConcurrentLinkedQueue<>();

  private static final List<MallService> started = new ArrayList<>();
  private static final List<UserRpc> userRpcs = new ArrayList<>();
  private static final Map<String, String> env = new HashMap<>();
  private static PaymentRpc payment;
  private static String userApi = "";
  private static String orderApi = "";
  private static long userId;
  private static String mobile = "";
  private static String token = "";

  @BeforeAll
  static void startTheMall() throws Exception {
    MallIt.freshDatabase(DATABASE);
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(OrderEvent.TOPIC, 1, (short) 1))).all().get();
    }
    env.put("ETCD_ADDR", ETCD.hostAndPort());
    env.put("KAFKA_ADDR", KAFKA.bootstrapServers());
    env.put("REDIS_ADDR", REDIS.hostAndPort());
    env.put("CPU_THRESHOLD", "0"); // the shared machine's load is not what this test measures
    env.put("MYSQL_ADDR", "127.0.0.1:3306");
    env.put("MYSQL_DB", DATABASE);
    env.put("PAYMENT_RPC_PORT", Integer.toString(FreePorts.next()));
    env.put("PAYMENT_ADMIN_PORT", Integer.toString(FreePorts.next()));
    env.put("PRODUCT_RPC_PORT", Integer.toString(FreePorts.next()));
    env.put("ORDER_RPC_PORT", Integer.toString(FreePorts.next()));
    int userApiPort = FreePorts.next();
    int orderApiPort = FreePorts.next();
    env.put("USER_API_PORT", Integer.toString(userApiPort));
    env.put("USER_API_DEV_PORT", Integer.toString(FreePorts.next()));
    env.put("ORDER_API_PORT", Integer.toString(orderApiPort));
    env.put("ORDER_API_DEV_PORT", Integer.toString(FreePorts.next()));
    env.put("ORDER_RPC_DEV_PORT", Integer.toString(FreePorts.next()));
    env.put("PAYMENT_RPC_DEV_PORT", Integer.toString(FreePorts.next()));
    userApi = "http://127.0.0.1:" + userApiPort + "/api/v1/user";
    orderApi = "http://127.0.0.1:" + orderApiPort + "/api/v1/order";

    Wiring wiring = Wiring.standalone();
    payment = start(PaymentRpc.start(load("payment-rpc", PaymentRpcConf.class, env), wiring));
    start(ProductRpc.start(load("product-rpc", ProductRpcConf.class, env), wiring));
    for (int i = 0; i < 3; i++) {
      Map<String, String> instance = new HashMap<>(env);
      instance.put("USER_RPC_PORT", Integer.toString(FreePorts.next()));
      userRpcs.add(start(UserRpc.start(load("user-rpc", UserRpcConf.class, instance), wiring)));
    }
    start(OrderRpc.start(load("order-rpc", OrderRpcConf.class, env), wiring));
    start(UserApi.start(load("user-api", UserApiConf.class, env), wiring));
    start(OrderApi.start(load("order-api", OrderApiConf.class, env), wiring));
    start(
        NotificationMq.start(
            load("notification-mq", NotificationMqConf.class, env),
            wiring,
            (recipient, text) -> SENT.add(recipient + "|" + text)));
  }

  @AfterAll
  static void stopTheMall() {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }

  @Test
  @Order(1)
  void registerAnswersTheUserAndATokenOnceAndTheDuplicate2002() {
    mobile = "139" + String.format("%08d", System.nanoTime() % 100_000_000L);
    JsonNode registered = json(register(mobile));
    assertThat(registered.get("code").asInt()).as(registered.toString()).isZero();
    userId = registered.at("/data/userId").asLong();
    assertThat(userId).isPositive();
    assertThat(registered.at("/data/token").asText()).isNotEmpty();

    HttpResponse<String> duplicate = register(mobile);
    assertThat(duplicate.statusCode()).isEqualTo(200);
    assertThat(json(duplicate).get("code").asInt()).as(duplicate.body()).isEqualTo(2002);

    JsonNode login = json(login(mobile));
    assertThat(login.get("code").asInt()).as(login.toString()).isZero();
    assertThat(login.at("/data/userId").asLong()).isEqualTo(userId);
    token = login.at("/data/token").asText();
    assertThat(token).isNotEmpty();
  }

  @Test
  @Order(2)
  void readingTheUserCachesItsRowInRedis() throws Exception {
    HttpResponse<String> first = MallIt.http("GET", userApi + "/" + userId, null, token);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode user = json(first);
    assertThat(user.get("code").asInt()).as(first.body()).isZero();
    assertThat(user.at("/data/mobile").asText()).isEqualTo(mobile);

    RedisClient client = RedisClient.create(REDIS.uri());
    try (StatefulRedisConnection<String, String> redis = client.connect()) {
      String cached = redis.sync().get("cache:user:id:" + userId);
      assertThat(cached).as("cache:user:id:%s", userId).isNotNull().contains(mobile);
    } finally {
      client.shutdown();
    }

    HttpResponse<String> second = MallIt.http("GET", userApi + "/" + userId, null, token);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(json(second).get("data")).isEqualTo(user.get("data"));
  }

  @Test
  @Order(3)
  void aPaidOrderIsStoredPublishedToKafkaAndNotified() throws Exception {
    JsonNode created = json(MallIt.http("POST", orderApi + "/create", ORDER, token));
    assertThat(created.get("code").asInt()).as(created.toString()).isZero();
    assertThat(created.at("/data/status").asText()).isEqualTo("PAID");
    long orderId = created.at("/data/orderId").asLong();

    try (Connection c =
            DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + DATABASE, "root", "");
        PreparedStatement s =
            c.prepareStatement("SELECT user_id, status FROM mall_order WHERE id = ?")) {
      s.setLong(1, orderId);
      try (ResultSet row = s.executeQuery()) {
        assertThat(row.next()).as("mall_order row %s", orderId).isTrue();
        assertThat(row.getLong("user_id")).isEqualTo(userId);
        assertThat(row.getString("status")).isEqualTo("PAID");
      }
    }

    List<String> types = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer()) {
      consumer.subscribe(List.of(OrderEvent.TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (types.size() < 2 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          assertThat(r.key()).isEqualTo(Long.toString(orderId));
          OrderEvent event = JSON.readValue(r.value(), OrderEvent.class);
          assertThat(event.orderId()).isEqualTo(orderId);
          assertThat(event.userId()).isEqualTo(userId);
          types.add(event.eventType());
        }
      }
    }
    assertThat(types).containsExactly(OrderEvent.ORDER_CREATED, OrderEvent.ORDER_PAID);

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (sentFor(orderId).size() < 2 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50); // polling a queue fed by another thread, no event to wait on
    }
    assertThat(sentFor(orderId)).hasSize(2).allMatch(s -> s.startsWith("user:" + userId + "|"));

    // The business metrics are recorded where the work happens and scraped from that process's
    // DevServer (Prometheus names; the reserved _created suffix is dropped from the counter).
    String orderMetrics =
        MallIt.http(
                "GET", "http://127.0.0.1:" + env.get("ORDER_RPC_DEV_PORT") + "/metrics", null, null)
            .body();
    assertThat(orderMetrics)
        .contains("mall_order_total{payment_method=")
        .contains("mall_order_amount_distribution")
        .contains("mall_order_in_progress");
    String paymentMetrics =
        MallIt.http(
                "GET",
                "http://127.0.0.1:" + env.get("PAYMENT_RPC_DEV_PORT") + "/metrics",
                null,
                null)
            .body();
    assertThat(paymentMetrics).contains("mall_payment_latency_seconds");
  }

  @Test
  @Order(4)
  void withPaymentRpcGoneAnOrderIsPending() {
    payment.close();
    HttpResponse<String> response = MallIt.http("POST", orderApi + "/create", ORDER, token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode created = json(response);
    assertThat(created.get("code").asInt()).as(response.body()).isZero();
    assertThat(created.at("/data/status").asText()).isEqualTo("PENDING");
    assertThat(created.at("/data/message").asText()).isEqualTo("订单已提交,支付结果稍后通知");
  }

  @Test
  @Order(5)
  void closingOneUserRpcLosesNoRequest() throws Exception {
    int threads = 4;
    List<String> addresses = userRpcs.stream().map(UserRpc::address).toList();
    assertThat(registered("user.rpc")).containsExactlyInAnyOrderElementsOf(addresses);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger answered = new AtomicInteger();
    CountDownLatch warm = new CountDownLatch(threads * 5);
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> callers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      callers.add(
          pool.submit(
              () -> {
                while (running.get()) {
                  HttpResponse<String> r = MallIt.http("GET", userApi + "/" + userId, null, token);
                  if (r.statusCode() != 200 || json(r).get("code").asInt() != 0) {
                    failures.add(r.statusCode() + " " + r.body());
                  }
                  answered.incrementAndGet();
                  warm.countDown();
                }
              }));
    }
    try {
      assertThat(warm.await(30, TimeUnit.SECONDS)).isTrue();
      UserRpc victim = userRpcs.get(0);
      victim.close();
      int before = answered.get();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (answered.get() < before + threads * 20 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(20); // the callers run on; wait for a few rounds after close
      }
    } finally {
      running.set(false);
      pool.shutdown();
    }
    for (Future<?> caller : callers) {
      caller.get(30, TimeUnit.SECONDS);
    }
    assertThat(failures).isEmpty();
    assertThat(answered.get()).isGreaterThan(threads * 25);
    assertThat(registered("user.rpc"))
        .containsExactlyInAnyOrder(addresses.get(1), addresses.get(2));
  }

  @Test
  @Order(6)
  void aRegisterBurstMeetsTheLimiter() throws Exception {
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<HttpResponse<String>>>> bursts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      bursts.add(
          pool.submit(
              () -> {
                List<HttpResponse<String>> answers = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                  answers.add(register("1" + thread + "bad" + i)); // refused cheaply when admitted
                }
                return answers;
              }));
    }
    pool.shutdown();
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (Future<List<HttpResponse<String>>> burst : bursts) {
      answers.addAll(burst.get(60, TimeUnit.SECONDS));
    }
    List<HttpResponse<String>> refused =
        answers.stream().filter(r -> r.statusCode() == 429).toList();
    assertThat(refused).isNotEmpty();
    assertThat(refused).allMatch(r -> json(r).get("code").asInt() == 1008);
    assertThat(answers)
        .filteredOn(r -> r.statusCode() != 429)
        .allMatch(r -> r.statusCode() == 200 && json(r).get("code").asInt() == 2004);
  }

  /** The values registered under {@code key} in etcd (its JSON gateway, keys as prefixes). */
  private static List<String> registered(String key) {
    Base64.Encoder b64 = Base64.getEncoder();
    String end = key.substring(0, key.length() - 1) + (char) (key.charAt(key.length() - 1) + 1);
    String body =
        "{\"key\":\""
            + b64.encodeToString(key.getBytes(StandardCharsets.UTF_8))
            + "\",\"range_end\":\""
            + b64.encodeToString(end.getBytes(StandardCharsets.UTF_8))
            + "\"}";
    JsonNode range = json(MallIt.http("POST", ETCD.endpoint() + "/v3/kv/range", body, null));
    List<String> values = new ArrayList<>();
    range
        .path("kvs")
        .forEach(
            kv ->
                values.add(
                    new String(
                        Base64.getDecoder().decode(kv.get("value").asText()),
                        StandardCharsets.UTF_8)));
    return values;
  }

  private static List<String> sentFor(long orderId) {
    return SENT.stream().filter(s -> s.contains(Long.toString(orderId))).toList();
  }

  private static <S extends MallService> S start(S service) {
    started.add(service);
    return service;
  }

  private static <C> C load(String name, Class<C> type, Map<String, String> variables) {
    try {
      String yaml = Files.readString(Path.of("etc", name + ".yaml"), StandardCharsets.UTF_8);
      return ConfLoader.builder().env(variables).build().load(yaml, Format.YAML, type);
    } catch (IOException e) {
      throw new IllegalStateException("etc/" + name + ".yaml", e);
    }
  }

  private static HttpResponse<String> register(String mobile) {
    return MallIt.http(
        "POST",
        userApi + "/register",
        "{\"mobile\":\"" + mobile + "\",\"password\":\"secret123\",\"code\":\"123456\"}",
        null);
  }

  private static HttpResponse<String> login(String mobile) {
    return MallIt.http(
        "POST",
        userApi + "/login",
        "{\"mobile\":\"" + mobile + "\",\"password\":\"secret123\"}",
        null);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return MallIt.json(response);
  }

  private static KafkaConsumer<String, String> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "mall-e2e");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
  }
}
