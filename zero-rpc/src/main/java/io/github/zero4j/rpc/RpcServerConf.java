package io.github.zero4j.rpc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.Default;
import io.github.zero4j.core.conf.OptionalKey;
import io.github.zero4j.core.conf.Range;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An RPC server's configuration: go-zero's {@code zrpc.RpcServerConf} with its keys and defaults,
 * loadable from a go-zero {@code etc/*.yaml} with {@link io.github.zero4j.core.conf.Conf}:
 *
 * <pre>{@code
 * record Config(@Inline RpcServerConf rpc, DbConf db) {}   // the service's own keys beside
 *
 * Config conf = Conf.load(Path.of("etc/usercenter.yaml"), Config.class);
 * RpcServer server = RpcServer.builder(conf.rpc()).addService(new UserService(conf)).build();
 * }</pre>
 *
 * <p>or built in code with {@link #of(String)} and the {@code with*} copies.
 *
 * @param name the service name (go-zero's {@code ServiceConf.Name}); names the per-minute stat line
 *     and the shedder; {@code ListenOn} when empty
 * @param listenOn {@code host:port} to listen on; an empty host or {@code 0.0.0.0} listens on every
 *     interface, port 0 on a free port; required
 * @param etcd where to register; no registration when absent
 * @param timeout the server timeout of each unary call, {@value #DEFAULT_TIMEOUT_MILLIS} ms; 0
 *     disables the timeout interceptor (method timeouts still apply)
 * @param cpuThreshold the shedder's CPU threshold in per mille, {@value #DEFAULT_CPU_THRESHOLD}; 0
 *     disables shedding
 * @param health whether the standard {@code grpc.health.v1.Health} service is served
 * @param middlewares which built-in interceptors are on
 * @param methodTimeouts timeouts that replace {@code Timeout} for single methods
 */
public record RpcServerConf(
    @OptionalKey String name,
    String listenOn,
    Optional<EtcdConf> etcd,
    @Default("2000") Duration timeout,
    @Default("900") @Range("[0:1000)") int cpuThreshold,
    @Default("true") boolean health,
    MiddlewaresConf middlewares,
    @OptionalKey List<MethodTimeoutConf> methodTimeouts) {

  /** go-zero's server {@code Timeout} default, {@value} ms. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 2000;

  /** go-zero's {@code CpuThreshold} default, {@value} per mille (90 % of the CPU quota). */
  public static final int DEFAULT_CPU_THRESHOLD = 900;

  /** Full CPU in per mille: {@code CpuThreshold} must stay below it (go-zero's range). */
  static final int CPU_MAX = 1000;

  /** Validates every component (go-zero's {@code RpcServerConf.Validate} and tags). */
  public RpcServerConf {
    requireNonNull(name, "name");
    requireNonNull(listenOn, "listenOn");
    requireNonNull(etcd, "etcd");
    requireNonNull(timeout, "timeout");
    requireNonNull(middlewares, "middlewares");
    requireNonNull(methodTimeouts, "methodTimeouts");
    ListenAddress.parse(listenOn);
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("Timeout: " + timeout + " (expected: >= 0)");
    }
    if (cpuThreshold < 0 || cpuThreshold >= CPU_MAX) {
      throw new IllegalArgumentException(
          "CpuThreshold: " + cpuThreshold + " (expected: 0 to disable, or 1..999 per mille)");
    }
    methodTimeouts = List.copyOf(methodTimeouts);
    Set<String> methods = new HashSet<>();
    for (MethodTimeoutConf method : methodTimeouts) {
      if (!methods.add(method.fullMethod())) {
        throw new IllegalArgumentException(
            "MethodTimeouts: " + method.fullMethod() + " twice (expected: each method once)");
      }
    }
  }

  /** A configuration listening on {@code listenOn} with go-zero's defaults and no etcd. */
  public static RpcServerConf of(String listenOn) {
    return new RpcServerConf(
        "",
        listenOn,
        Optional.empty(),
        Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS),
        DEFAULT_CPU_THRESHOLD,
        true,
        MiddlewaresConf.ofDefaults(),
        List.of());
  }

  /** A copy with {@code Name} set. */
  public RpcServerConf withName(String name) {
    return new RpcServerConf(
        name, listenOn, etcd, timeout, cpuThreshold, health, middlewares, methodTimeouts);
  }

  /** A copy that registers in etcd as {@code etcd} says. */
  public RpcServerConf withEtcd(EtcdConf etcd) {
    return new RpcServerConf(
        name,
        listenOn,
        Optional.of(requireNonNull(etcd, "etcd")),
        timeout,
        cpuThreshold,
        health,
        middlewares,
        methodTimeouts);
  }

  /** A copy with the server {@code Timeout} set; {@link Duration#ZERO} disables it. */
  public RpcServerConf withTimeout(Duration timeout) {
    return new RpcServerConf(
        name, listenOn, etcd, timeout, cpuThreshold, health, middlewares, methodTimeouts);
  }

  /** A copy with {@code CpuThreshold} set; 0 disables shedding. */
  public RpcServerConf withCpuThreshold(int cpuThreshold) {
    return new RpcServerConf(
        name, listenOn, etcd, timeout, cpuThreshold, health, middlewares, methodTimeouts);
  }

  /** A copy with the health service on or off. */
  public RpcServerConf withHealth(boolean health) {
    return new RpcServerConf(
        name, listenOn, etcd, timeout, cpuThreshold, health, middlewares, methodTimeouts);
  }

  /** A copy with other built-in interceptor switches. */
  public RpcServerConf withMiddlewares(MiddlewaresConf middlewares) {
    return new RpcServerConf(
        name, listenOn, etcd, timeout, cpuThreshold, health, middlewares, methodTimeouts);
  }

  /** A copy with these per-method timeouts. */
  public RpcServerConf withMethodTimeouts(List<MethodTimeoutConf> methodTimeouts) {
    return new RpcServerConf(
        name, listenOn, etcd, timeout, cpuThreshold, health, middlewares, methodTimeouts);
  }

  /** The name of the stat line and the shedder: {@code Name}, else {@code ListenOn}. */
  String serviceName() {
    return name.isEmpty() ? listenOn : name;
  }

  /**
   * go-zero's {@code ServerMiddlewaresConf}: every built-in interceptor is on unless switched off.
   * Shedding and the timeout have no switch here, as in go-zero: {@code CpuThreshold: 0} and {@code
   * Timeout: 0} turn them off.
   *
   * @param trace the OpenTelemetry server span
   * @param recover uncaught exceptions become {@code INTERNAL}
   * @param stat the per-minute stat line and the slow-call log
   * @param statConf the stat interceptor's settings
   * @param prometheus the {@code rpc_server_requests_*} metrics
   * @param breaker a circuit breaker per method
   */
  public record MiddlewaresConf(
      @Default("true") boolean trace,
      @Default("true") boolean recover,
      @Default("true") boolean stat,
      StatConf statConf,
      @Default("true") boolean prometheus,
      @Default("true") boolean breaker) {

    public MiddlewaresConf {
      requireNonNull(statConf, "statConf");
    }

    /** Everything on, go-zero's stat defaults. */
    public static MiddlewaresConf ofDefaults() {
      return new MiddlewaresConf(true, true, true, StatConf.ofDefaults(), true, true);
    }

    public MiddlewaresConf withTrace(boolean trace) {
      return new MiddlewaresConf(trace, recover, stat, statConf, prometheus, breaker);
    }

    public MiddlewaresConf withRecover(boolean recover) {
      return new MiddlewaresConf(trace, recover, stat, statConf, prometheus, breaker);
    }

    public MiddlewaresConf withStat(boolean stat) {
      return new MiddlewaresConf(trace, recover, stat, statConf, prometheus, breaker);
    }

    public MiddlewaresConf withStatConf(StatConf statConf) {
      return new MiddlewaresConf(trace, recover, stat, statConf, prometheus, breaker);
    }

    public MiddlewaresConf withPrometheus(boolean prometheus) {
      return new MiddlewaresConf(trace, recover, stat, statConf, prometheus, breaker);
    }

    public MiddlewaresConf withBreaker(boolean breaker) {
      return new MiddlewaresConf(trace, recover, stat, statConf, prometheus, breaker);
    }
  }

  /**
   * go-zero's {@code StatConf}.
   *
   * @param slowThreshold a call slower than this is logged at WARN, {@value
   *     #DEFAULT_SLOW_THRESHOLD_MILLIS} ms
   * @param ignoreContentMethods full methods ({@code /pkg.Service/Method}) whose request is left
   *     out of the log
   */
  public record StatConf(
      @Default("500ms") Duration slowThreshold, @OptionalKey List<String> ignoreContentMethods) {

    /** go-zero's slow-call threshold, {@value} ms. */
    public static final long DEFAULT_SLOW_THRESHOLD_MILLIS = 500;

    public StatConf {
      requireNonNull(slowThreshold, "slowThreshold");
      if (slowThreshold.isNegative()) {
        throw new IllegalArgumentException("SlowThreshold: " + slowThreshold + " (expected: >= 0)");
      }
      ignoreContentMethods = List.copyOf(ignoreContentMethods);
    }

    /** go-zero's defaults: 500 ms, log every request's content. */
    public static StatConf ofDefaults() {
      return new StatConf(Duration.ofMillis(DEFAULT_SLOW_THRESHOLD_MILLIS), List.of());
    }
  }

  /**
   * go-zero's {@code MethodTimeoutConf}: a timeout for one method.
   *
   * @param fullMethod {@code /package.Service/Method}
   * @param timeout the method's server timeout; 0 means none
   */
  public record MethodTimeoutConf(String fullMethod, Duration timeout) {

    public MethodTimeoutConf {
      requireNonNull(fullMethod, "fullMethod");
      requireNonNull(timeout, "timeout");
      int slash = fullMethod.indexOf('/', 1);
      if (!fullMethod.startsWith("/") || slash < 2 || slash == fullMethod.length() - 1) {
        throw new IllegalArgumentException(
            "FullMethod: '" + fullMethod + "' (expected: /package.Service/Method)");
      }
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("Timeout: " + timeout + " (expected: >= 0)");
      }
    }
  }
}
