package io.github.zero4j.examples.mall.order;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.Default;
import io.github.zero4j.core.conf.Inline;
import io.github.zero4j.rest.RestConf;
import io.github.zero4j.rpc.RpcClientConf;
import java.time.Duration;

/**
 * {@code etc/order-api.yaml}: the REST server keys, {@code OrderRpc}, {@code Auth} and the create
 * route's longer timeout.
 *
 * @param rest the server ({@code Name}, {@code Port}, {@code Timeout}, {@code DevServer} ...)
 * @param orderRpc order-rpc
 * @param auth the JWT secret shared with user-api
 * @param createTimeout the timeout of {@code POST /api/v1/order/create}, 10 s as in the design
 *     notes (the other routes keep {@code Timeout})
 */
public record OrderApiConf(
    @Inline RestConf rest,
    RpcClientConf orderRpc,
    AuthConf auth,
    @Default("10s") Duration createTimeout) {

  public OrderApiConf {
    requireNonNull(rest, "rest");
    requireNonNull(orderRpc, "orderRpc");
    requireNonNull(auth, "auth");
    requireNonNull(createTimeout, "createTimeout");
  }

  /**
   * go-zero's {@code Auth} block.
   *
   * @param accessSecret the HS256 secret, at least 8 characters
   * @param accessExpire token lifetime in seconds (user-api issues; order-api only verifies)
   */
  public record AuthConf(String accessSecret, @Default("604800") long accessExpire) {
    public AuthConf {
      requireNonNull(accessSecret, "accessSecret");
    }
  }
}
