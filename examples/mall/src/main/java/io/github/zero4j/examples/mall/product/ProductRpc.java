package io.github.zero4j.examples.mall.product;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.examples.mall.MallService;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.examples.mall.infra.Resources;
import io.github.zero4j.examples.mall.proto.DecreaseStockReq;
import io.github.zero4j.examples.mall.proto.DecreaseStockResp;
import io.github.zero4j.examples.mall.proto.GetProductReq;
import io.github.zero4j.examples.mall.proto.Product;
import io.github.zero4j.examples.mall.rpc.UnaryService;
import io.github.zero4j.rpc.RpcServer;
import io.github.zero4j.stores.cache.Cache;
import io.github.zero4j.stores.sql.SqlConn;
import io.github.zero4j.stores.sqlc.CachedConn;

/**
 * {@code product-rpc}: {@code mall.product.ProductService} over {@code mall_product}, cached under
 * {@code cache:product:id:<id>}.
 */
public final class ProductRpc implements MallService {
  /** The service name. */
  public static final String NAME = "product-rpc";

  private final RpcServer server;
  private final Resources resources;

  private ProductRpc(RpcServer server, Resources resources) {
    this.server = server;
    this.resources = resources;
  }

  /** Creates the table (seeded when empty) and starts serving. */
  public static ProductRpc start(ProductRpcConf conf, Wiring wiring) {
    requireNonNull(conf, "conf");
    requireNonNull(wiring, "wiring");
    Resources resources = new Resources();
    try {
      SqlConn sql = resources.add(SqlConn.create(conf.mysql()));
      Cache cache =
          resources.add(
              conf.cacheRedis().isEmpty()
                  ? Cache.localBuilder().name("product").build()
                  : Cache.builder(conf.cacheRedis()).name("product").build());
      ProductStore store = new ProductStore(CachedConn.create(sql, cache));
      store.migrate();
      RpcServer server =
          resources.add(
              RpcServer.builder(conf.rpc())
                  .addService(
                      UnaryService.builder(ProductMethods.SERVICE)
                          .method(ProductMethods.GET_PRODUCT, (GetProductReq r) -> get(store, r))
                          .method(
                              ProductMethods.DECREASE_STOCK,
                              (DecreaseStockReq r) -> decrease(store, r))
                          .build())
                  .build()
                  .start());
      return new ProductRpc(server, resources);
    } catch (RuntimeException e) {
      resources.closeAfter(e);
      throw e;
    }
  }

  private static Product get(ProductStore store, GetProductReq request) {
    ProductRow row = store.get(request.getProductId());
    return Product.newBuilder()
        .setProductId(row.id())
        .setName(row.name())
        .setPrice(row.price())
        .setStock(row.stock())
        .build();
  }

  private static DecreaseStockResp decrease(ProductStore store, DecreaseStockReq request) {
    if (request.getQuantity() < 1) {
      throw new BizException(
          BizCode.REQUEST_PARAM_ERROR,
          "quantity: " + request.getQuantity() + " (expected: at least 1)");
    }
    int remaining = store.decrease(request.getProductId(), request.getQuantity());
    return DecreaseStockResp.newBuilder().setRemaining(remaining).build();
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

  /** Stops the server (calls in flight finish), then the cache and the pool. */
  @Override
  public void close() {
    resources.close();
  }
}
