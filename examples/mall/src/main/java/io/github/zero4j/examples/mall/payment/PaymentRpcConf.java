package io.github.zero4j.examples.mall.payment;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.Default;
import io.github.zero4j.core.conf.Inline;
import io.github.zero4j.core.conf.Range;
import io.github.zero4j.rest.RestConf;
import io.github.zero4j.rpc.RpcServerConf;
import io.github.zero4j.stores.sql.SqlConf;
import java.util.Optional;

/**
 * {@code etc/payment-rpc.yaml}: the gRPC server keys, {@code Mysql} and the demo switch's {@code
 * Admin} HTTP server.
 *
 * @param rpc the server ({@code Name}, {@code ListenOn}, {@code Etcd}, {@code Timeout} ...)
 * @param mysql the database holding {@code mall_payment}
 * @param admin where {@code PUT/GET /admin/mode} is served
 */
public record PaymentRpcConf(
    @Inline RpcServerConf rpc,
    SqlConf mysql,
    AdminConf admin,
    Optional<RestConf.DevServerConf> devServer) {

  /** Without a DevServer. */
  public PaymentRpcConf(RpcServerConf rpc, SqlConf mysql, AdminConf admin) {
    this(rpc, mysql, admin, Optional.empty());
  }

  public PaymentRpcConf {
    requireNonNull(rpc, "rpc");
    requireNonNull(mysql, "mysql");
    requireNonNull(admin, "admin");
  }

  /**
   * The admin HTTP server.
   *
   * @param host the address to bind, loopback by default (it is a demo switch, not an API)
   * @param port the port, 9031 by convention; 0 picks a free one
   */
  public record AdminConf(@Default("127.0.0.1") String host, @Range("[0:65535]") int port) {
    public AdminConf {
      requireNonNull(host, "host");
    }
  }
}
