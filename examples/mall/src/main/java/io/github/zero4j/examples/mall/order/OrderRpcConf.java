package io.github.zero4j.examples.mall.order;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.Inline;
import io.github.zero4j.queue.kq.KqConf;
import io.github.zero4j.rest.RestConf;
import io.github.zero4j.rpc.RpcClientConf;
import io.github.zero4j.rpc.RpcServerConf;
import io.github.zero4j.stores.sql.SqlConf;
import java.util.Optional;

/**
 * {@code etc/order-rpc.yaml}: the gRPC server keys, {@code Mysql}, the three downstream clients and
 * {@code Kq}.
 *
 * @param rpc the server ({@code Name}, {@code ListenOn}, {@code Etcd}, {@code Timeout} ...)
 * @param mysql the database holding {@code mall_order}
 * @param userRpc user-rpc, asked whether the user exists
 * @param productRpc product-rpc, read and decremented
 * @param paymentRpc payment-rpc; its {@code Timeout} bounds how long an order waits for payment,
 *     and its client breaker (on by default) turns an outage into PENDING orders without calls
 * @param kq where {@code order-events} go ({@code Brokers}, {@code Topic}; {@code Group} is
 *     required by {@code KqConf} but unused by a pusher); required unless the process has an
 *     in-process broker
 */
public record OrderRpcConf(
    @Inline RpcServerConf rpc,
    SqlConf mysql,
    RpcClientConf userRpc,
    RpcClientConf productRpc,
    RpcClientConf paymentRpc,
    Optional<KqConf> kq,
    Optional<RestConf.DevServerConf> devServer) {

  /** Without a DevServer. */
  public OrderRpcConf(
      RpcServerConf rpc,
      SqlConf mysql,
      RpcClientConf userRpc,
      RpcClientConf productRpc,
      RpcClientConf paymentRpc,
      Optional<KqConf> kq) {
    this(rpc, mysql, userRpc, productRpc, paymentRpc, kq, Optional.empty());
  }

  public OrderRpcConf {
    requireNonNull(rpc, "rpc");
    requireNonNull(mysql, "mysql");
    requireNonNull(userRpc, "userRpc");
    requireNonNull(productRpc, "productRpc");
    requireNonNull(paymentRpc, "paymentRpc");
    requireNonNull(kq, "kq");
  }
}
