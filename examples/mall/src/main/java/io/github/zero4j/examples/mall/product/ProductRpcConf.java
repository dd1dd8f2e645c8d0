package io.github.zero4j.examples.mall.product;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.Inline;
import io.github.zero4j.core.conf.OptionalKey;
import io.github.zero4j.rpc.RpcServerConf;
import io.github.zero4j.stores.cache.CacheNodeConf;
import io.github.zero4j.stores.sql.SqlConf;
import java.util.List;

/**
 * {@code etc/product-rpc.yaml}: the gRPC server keys, {@code Mysql} and {@code CacheRedis}.
 *
 * @param rpc the server ({@code Name}, {@code ListenOn}, {@code Etcd}, {@code Timeout} ...)
 * @param mysql the database holding {@code mall_product}
 * @param cacheRedis the product cache's Redis nodes; empty = an in-process cache
 */
public record ProductRpcConf(
    @Inline RpcServerConf rpc, SqlConf mysql, @OptionalKey List<CacheNodeConf> cacheRedis) {

  public ProductRpcConf {
    requireNonNull(rpc, "rpc");
    requireNonNull(mysql, "mysql");
    cacheRedis = List.copyOf(cacheRedis);
  }
}
