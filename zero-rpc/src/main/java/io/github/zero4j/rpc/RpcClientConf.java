package io.github.zero4j.rpc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.Default;
import io.github.zero4j.core.conf.OptionalKey;
import io.github.zero4j.rpc.balancer.P2cEwmaLoadBalancerProvider;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An RPC client's configuration: go-zero's {@code zrpc.RpcClientConf} with its keys and defaults,
 * loadable from a go-zero {@code etc/*.yaml} with {@link io.github.zero4j.core.conf.Conf}:
 *
 * <pre>{@code
 * UsercenterRpcConf:
 *   Etcd:
 *     Hosts: [127.0.0.1:2379]
 *     Key: usercenter.rpc
 * }</pre>
 *
 * <p>or built in code with {@link #ofEndpoints}, {@link #ofTarget}, {@link #ofEtcd} and the {@code
 * with*} copies. Where the client connects ({@link #buildTarget()}) follows go-zero's {@code
 * BuildTarget}: {@code Endpoints} first, then {@code Target}, then {@code Etcd}.
 *
 * @param etcd discover the servers in etcd; used when {@code Endpoints} and {@code Target} are
 *     empty
 * @param endpoints connect to these {@code host:port} directly
 * @param target any gRPC target, used as given ({@code dns:///...}, {@code etcd:///...})
 * @param app sent as metadata {@code app} on every call when {@code Token} is also set
 * @param token sent as metadata {@code token} on every call when {@code App} is also set
 * @param nonBlock {@code false} makes {@link RpcClient#create} wait up to 3 s for a connection
 * @param timeout the client timeout of each unary call, {@value #DEFAULT_TIMEOUT_MILLIS} ms; 0 =
 *     none
 * @param keepaliveTime the interval of HTTP/2 keepalive pings; none when absent
 * @param middlewares which built-in interceptors are on
 * @param balancerName the load-balancing policy, {@value P2cEwmaLoadBalancerProvider#POLICY_NAME}
 */
public record RpcClientConf(
    Optional<EtcdConf> etcd,
    @OptionalKey List<String> endpoints,
    @OptionalKey String target,
    @OptionalKey String app,
    @OptionalKey String token,
    @Default("true") boolean nonBlock,
    @Default("2000") Duration timeout,
    Optional<Duration> keepaliveTime,
    MiddlewaresConf middlewares,
    @Default("p2c_ewma") String balancerName) {

  /** go-zero's client {@code Timeout} default, {@value} ms. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 2000;

  /** Validates every component. */
  public RpcClientConf {
    requireNonNull(etcd, "etcd");
    requireNonNull(endpoints, "endpoints");
    requireNonNull(target, "target");
    requireNonNull(app, "app");
    requireNonNull(token, "token");
    requireNonNull(timeout, "timeout");
    requireNonNull(keepaliveTime, "keepaliveTime");
    requireNonNull(middlewares, "middlewares");
    requireNonNull(balancerName, "balancerName");
    endpoints = List.copyOf(endpoints);
    for (String endpoint : endpoints) {
      if (endpoint.isBlank() || endpoint.indexOf(',') >= 0) {
        throw new IllegalArgumentException(
            "Endpoints: " + endpoints + " (expected: host:port entries, no blank one)");
      }
    }
    if (endpoints.isEmpty() && target.isBlank() && etcd.isEmpty()) {
      throw new IllegalArgumentException(
          "Endpoints, Target and Etcd: all empty (expected: one of them set)");
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("Timeout: " + timeout + " (expected: >= 0)");
    }
    keepaliveTime.ifPresent(
        time -> {
          if (time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("KeepaliveTime: " + time + " (expected: > 0)");
          }
        });
    if (balancerName.isBlank()) {
      throw new IllegalArgumentException("BalancerName: '' (expected: a policy name)");
    }
  }

  /** A client of the servers at {@code endpoints} ({@code host:port}), go-zero's defaults. */
  public static RpcClientConf ofEndpoints(List<String> endpoints) {
    return defaults(Optional.empty(), endpoints, "");
  }

  /** A client of the gRPC target {@code target}, go-zero's defaults. */
  public static RpcClientConf ofTarget(String target) {
    return defaults(Optional.empty(), List.of(), target);
  }

  /** A client of the servers registered in etcd as {@code etcd} says, go-zero's defaults. */
  public static RpcClientConf ofEtcd(EtcdConf etcd) {
    return defaults(Optional.of(requireNonNull(etcd, "etcd")), List.of(), "");
  }

  private static RpcClientConf defaults(
      Optional<EtcdConf> etcd, List<String> endpoints, String target) {
    return new RpcClientConf(
        etcd,
        endpoints,
        target,
        "",
        "",
        true,
        Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS),
        Optional.empty(),
        MiddlewaresConf.ofDefaults(),
        P2cEwmaLoadBalancerProvider.POLICY_NAME);
  }

  /** A copy that sends metadata {@code app} and {@code token} on every call. */
  public RpcClientConf withAppToken(String app, String token) {
    return new RpcClientConf(
        etcd,
        endpoints,
        target,
        app,
        token,
        nonBlock,
        timeout,
        keepaliveTime,
        middlewares,
        balancerName);
  }

  /** A copy with {@code NonBlock} set. */
  public RpcClientConf withNonBlock(boolean nonBlock) {
    return new RpcClientConf(
        etcd,
        endpoints,
        target,
        app,
        token,
        nonBlock,
        timeout,
        keepaliveTime,
        middlewares,
        balancerName);
  }

  /** A copy with the client {@code Timeout} set; {@link Duration#ZERO} disables it. */
  public RpcClientConf withTimeout(Duration timeout) {
    return new RpcClientConf(
        etcd,
        endpoints,
        target,
        app,
        token,
        nonBlock,
        timeout,
        keepaliveTime,
        middlewares,
        balancerName);
  }

  /** A copy that pings every {@code keepaliveTime}. */
  public RpcClientConf withKeepaliveTime(Duration keepaliveTime) {
    return new RpcClientConf(
        etcd,
        endpoints,
        target,
        app,
        token,
        nonBlock,
        timeout,
        Optional.of(requireNonNull(keepaliveTime, "keepaliveTime")),
        middlewares,
        balancerName);
  }

  /** A copy with other built-in interceptor switches. */
  public RpcClientConf withMiddlewares(MiddlewaresConf middlewares) {
    return new RpcClientConf(
        etcd,
        endpoints,
        target,
        app,
        token,
        nonBlock,
        timeout,
        keepaliveTime,
        middlewares,
        balancerName);
  }

  /** A copy with another load-balancing policy ({@code round_robin}, {@code pick_first}...). */
  public RpcClientConf withBalancerName(String balancerName) {
    return new RpcClientConf(
        etcd,
        endpoints,
        target,
        app,
        token,
        nonBlock,
        timeout,
        keepaliveTime,
        middlewares,
        balancerName);
  }

  /**
   * The gRPC target the client dials, go-zero's {@code BuildTarget}: {@code direct:///h1:p1,h2:p2}
   * from {@code Endpoints}; else {@code Target} as given; else {@code
   * etcd:///h1:p1,h2:p2?key=<url-encoded Key>} from {@code Etcd}.
   */
  public String buildTarget() {
    if (!endpoints.isEmpty()) {
      return "direct:///" + String.join(",", endpoints);
    }
    if (!target.isBlank()) {
      return target;
    }
    EtcdConf discovery = etcd.orElseThrow();
    return "etcd:///"
        + String.join(",", discovery.hosts())
        + "?key="
        + URLEncoder.encode(discovery.key(), StandardCharsets.UTF_8);
  }

  /**
   * go-zero's {@code ClientMiddlewaresConf}: every built-in interceptor is on unless switched off.
   *
   * @param trace the OpenTelemetry client span and {@code traceparent} injection
   * @param duration the failure and slow-call log
   * @param prometheus the {@code rpc_client_requests_*} metrics
   * @param breaker a circuit breaker per target and method
   * @param timeout the client timeout
   */
  public record MiddlewaresConf(
      @Default("true") boolean trace,
      @Default("true") boolean duration,
      @Default("true") boolean prometheus,
      @Default("true") boolean breaker,
      @Default("true") boolean timeout) {

    /** Everything on. */
    public static MiddlewaresConf ofDefaults() {
      return new MiddlewaresConf(true, true, true, true, true);
    }

    public MiddlewaresConf withTrace(boolean trace) {
      return new MiddlewaresConf(trace, duration, prometheus, breaker, timeout);
    }

    public MiddlewaresConf withDuration(boolean duration) {
      return new MiddlewaresConf(trace, duration, prometheus, breaker, timeout);
    }

    public MiddlewaresConf withPrometheus(boolean prometheus) {
      return new MiddlewaresConf(trace, duration, prometheus, breaker, timeout);
    }

    public MiddlewaresConf withBreaker(boolean breaker) {
      return new MiddlewaresConf(trace, duration, prometheus, breaker, timeout);
    }

    public MiddlewaresConf withTimeout(boolean timeout) {
      return new MiddlewaresConf(trace, duration, prometheus, breaker, timeout);
    }
  }
}
