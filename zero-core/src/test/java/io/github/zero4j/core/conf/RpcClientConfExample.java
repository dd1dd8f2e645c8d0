package io.github.zero4j.core.conf;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** go-zero's zrpc.RpcClientConf (zrpc/config.go). */
record RpcClientConfExample(
    Optional<EtcdConf> etcd,
    @OptionalKey List<String> endpoints,
    @OptionalKey String target,
    @OptionalKey String app,
    @OptionalKey String token,
    @Default("true") boolean nonBlock,
    @Default("2000") Duration timeout,
    @Nullable Duration keepaliveTime,
    ClientMiddlewaresConf middlewares,
    @Default("p2c_ewma") Balancer balancerName) {

  /** The balancers go-zero registers. */
  enum Balancer {
    P2C_EWMA,
    CONSISTENT_HASH
  }

  /** discov.EtcdConf. */
  record EtcdConf(
      List<String> hosts,
      String key,
      @OptionalKey long id,
      @OptionalKey String user,
      @OptionalKey String pass,
      @OptionalKey String certFile,
      @OptionalKey String certKeyFile,
      @Key("CACertFile") @OptionalKey String caCertFile,
      @OptionalKey boolean insecureSkipVerify) {}

  /** zrpc.ClientMiddlewaresConf. */
  record ClientMiddlewaresConf(
      @Default("true") boolean trace,
      @Default("true") boolean duration,
      @Default("true") boolean prometheus,
      @Default("true") boolean breaker,
      @Default("true") boolean timeout) {}
}
