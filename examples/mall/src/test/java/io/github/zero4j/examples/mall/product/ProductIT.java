package io.github.zero4j.examples.mall.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.examples.mall.order.MallIt;
import io.github.zero4j.examples.mall.proto.DecreaseStockReq;
import io.github.zero4j.examples.mall.proto.GetProductReq;
import io.github.zero4j.examples.mall.proto.Product;
import io.github.zero4j.examples.mall.rpc.UnaryClient;
import io.github.zero4j.rpc.RpcClient;
import io.github.zero4j.rpc.RpcServerConf;
import io.github.zero4j.stores.cache.CacheNodeConf;
import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.github.zero4j.stores.sql.SqlConf;
import io.github.zero4j.stores.sql.SqlConn;
import io.github.zero4j.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProductIT {
  @RegisterExtension static final RedisServer REDIS = RedisServer.create();

  private static SqlConf db;
  private static ProductRpc service;
  private static RpcClient client;
  private static UnaryClient products;
  private static Redis redis;

  @BeforeAll
  static void start() {
    db = MallIt.freshDatabase("mall_it_product");
    service =
        ProductRpc.start(
            new ProductRpcConf(
                RpcServerConf.of("127.0.0.1:0")
                    .withTimeout(Duration.ofSeconds(10))
                    .withCpuThreshold(0), // the shared machine must not shed the 32 callers
                db,
                // connect before serving: a non-blocking client fails commands until connected
                List.of(
                    new CacheNodeConf(
                        RedisConf.node(REDIS.hostAndPort()).withNonBlock(false),
                        CacheNodeConf.DEFAULT_WEIGHT))),
            Wiring.standalone());
    client = MallIt.client(service.port());
    products = UnaryClient.of(client.channel());
    redis = Redis.create(RedisConf.node(REDIS.hostAndPort()));
  }

  @AfterAll
  static void stop() {
    redis.close();
    client.close();
    service.close();
    service.close(); // idempotent
  }

  @Test
  void seedsTheTableAndCachesReadsUnderTheGoctlKey() {
    Product first = get(1);
    assertThat(first.getName()).isEqualTo(ProductStore.SEED.get(0).name());
    assertThat(first.getPrice()).isEqualTo(5900);
    assertThat(redis.get("cache:product:id:1")).isPresent();
    assertThat(get(1)).isEqualTo(first);
  }

  @Test
  void aMissingProductIs5001() {
    assertThatThrownBy(() -> get(424242))
        .isInstanceOfSatisfying(
            BizException.class, e -> assertThat(e.code()).isEqualTo(BizCode.PRODUCT_NOT_EXIST));
    assertThatThrownBy(() -> decrease(424242, 1))
        .isInstanceOfSatisfying(
            BizException.class, e -> assertThat(e.code()).isEqualTo(BizCode.PRODUCT_NOT_EXIST));
  }

  @Test
  void aQuantityBelowOneIs1002() {
    assertThatThrownBy(() -> decrease(1, 0))
        .isInstanceOfSatisfying(
            BizException.class, e -> assertThat(e.code()).isEqualTo(BizCode.REQUEST_PARAM_ERROR));
  }

  @Test
  void thirtyTwoConcurrentBuyersOfTenItemsLeaveExactlyZero() throws Exception {
    try (SqlConn sql = SqlConn.create(db)) {
      sql.exec("INSERT INTO mall_product (id, name, price, stock) VALUES (100, 'hot', 100, 10)");
    }
    assertThat(get(100).getStock()).isEqualTo(10); // cached now
    int callers = 32;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    return decrease(100, 1);
                  } catch (BizException e) {
                    assertThat(e.code()).isEqualTo(BizCode.STOCK_INSUFFICIENT);
                    return -1;
                  }
                }));
      }
      go.countDown();
      List<Integer> remaining = new ArrayList<>();
      for (Future<Integer> r : results) {
        remaining.add(r.get());
      }
      List<Integer> successes = remaining.stream().filter(n -> n >= 0).sorted().toList();
      assertThat(successes).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    } finally {
      pool.shutdownNow();
    }
    try (SqlConn sql = SqlConn.create(db)) {
      assertThat(sql.queryRow(Integer.class, "SELECT stock FROM mall_product WHERE id = 100"))
          .contains(0);
    }
    assertThat(get(100).getStock()).isZero(); // the cached 10 was invalidated
    assertThatThrownBy(() -> decrease(100, 1))
        .isInstanceOfSatisfying(
            BizException.class, e -> assertThat(e.code()).isEqualTo(BizCode.STOCK_INSUFFICIENT));
  }

  private static Product get(long id) {
    return products.call(
        ProductMethods.GET_PRODUCT, GetProductReq.newBuilder().setProductId(id).build());
  }

  private static int decrease(long id, int quantity) {
    return products
        .call(
            ProductMethods.DECREASE_STOCK,
            DecreaseStockReq.newBuilder().setProductId(id).setQuantity(quantity).build())
        .getRemaining();
  }
}
