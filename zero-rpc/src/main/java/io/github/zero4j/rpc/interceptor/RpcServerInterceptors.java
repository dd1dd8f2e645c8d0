package io.github.zero4j.rpc.interceptor;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.breaker.BreakerRegistry;
import io.github.zero4j.core.load.Shedder;
import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.core.trace.Tracing;
import io.grpc.ServerInterceptor;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * go-zero's server interceptors ({@code zrpc/internal/serverinterceptors}) for any grpc-java
 * server. {@link io.github.zero4j.rpc.RpcServer} installs them in go-zero's order, outermost first:
 *
 * <ol>
 *   <li>{@link #tracing} — all calls;
 *   <li>{@link #recover} — all calls: an uncaught exception becomes {@code INTERNAL};
 *   <li>{@link #stat} — unary: stat line, slow-call log;
 *   <li>{@link #metrics} — unary: {@code rpc_server_requests_*};
 *   <li>{@link #breaker} — all calls: {@code UNAVAILABLE "circuit breaker is open"};
 *   <li>{@link #shedding} — unary: {@code RESOURCE_EXHAUSTED "service overloaded"};
 *   <li>{@link #timeout} — unary: {@code DEADLINE_EXCEEDED}.
 * </ol>
 *
 * With grpc-java's {@code ServerInterceptors.interceptForward(service, list)} the first of the list
 * runs first. Every interceptor returned here is thread-safe and may serve any number of services.
 */
public final class RpcServerInterceptors {
  private RpcServerInterceptors() {}

  /**
   * The SERVER span of each call, continuing the trace from the metadata ({@code traceparent}) and
   * current while the handler runs.
   */
  public static ServerInterceptor tracing(Tracing tracing) {
    return new TracingServerInterceptor(tracing);
  }

  /**
   * Ends a call whose handler throws with {@code INTERNAL "panic: <exception>"} and logs the stack
   * at ERROR; a thrown {@link io.grpc.StatusRuntimeException} ends it with its own status.
   */
  public static ServerInterceptor recover() {
    return RecoverServerInterceptor.INSTANCE;
  }

  /**
   * Adds each unary call's duration to {@code metrics} and logs calls slower than {@code
   * slowThreshold} at WARN (every call at DEBUG), with the request unless its method ({@code
   * /package.Service/Method}) is in {@code ignoreContentMethods}.
   */
  public static ServerInterceptor stat(
      StatMetrics metrics, Duration slowThreshold, Collection<String> ignoreContentMethods) {
    requireNonNull(slowThreshold, "slowThreshold");
    requireNonNull(ignoreContentMethods, "ignoreContentMethods");
    if (slowThreshold.isNegative()) {
      throw new IllegalArgumentException("slowThreshold: " + slowThreshold + " (expected: >= 0)");
    }
    return new StatServerInterceptor(
        metrics, slowThreshold, Set.copyOf(ignoreContentMethods), Ticker.system());
  }

  /**
   * Records {@code rpc_server_requests_duration_ms{method}} and {@code
   * rpc_server_requests_code_total{method, code}} for each unary call.
   */
  public static ServerInterceptor metrics(ZeroMeters meters) {
    return new MetricsServerInterceptor(RpcMeters.server(meters), Ticker.system());
  }

  /**
   * A breaker per full method ({@code /package.Service/Method}) from {@code breakers}; rejects with
   * {@code UNAVAILABLE "circuit breaker is open"}. Failures: {@code DEADLINE_EXCEEDED}, {@code
   * INTERNAL}, {@code UNAVAILABLE}, {@code DATA_LOSS}, {@code UNIMPLEMENTED}, {@code
   * RESOURCE_EXHAUSTED}.
   */
  public static ServerInterceptor breaker(BreakerRegistry breakers) {
    return new BreakerServerInterceptor(breakers);
  }

  /**
   * Rejects unary calls {@code shedder} sheds with {@code RESOURCE_EXHAUSTED "service overloaded"},
   * counting each as a drop in {@code metrics}.
   */
  public static ServerInterceptor shedding(Shedder shedder, StatMetrics metrics) {
    return new SheddingServerInterceptor(shedder, metrics);
  }

  /**
   * Narrows each unary call's deadline to now + its timeout ({@code methodTimeouts}, keyed by
   * {@code /package.Service/Method}, else {@code timeout}; zero means none) and ends the call with
   * {@code DEADLINE_EXCEEDED} when it passes. Deadlines are timed on {@code scheduler}, which the
   * caller owns.
   */
  public static ServerInterceptor timeout(
      Duration timeout, Map<String, Duration> methodTimeouts, ScheduledExecutorService scheduler) {
    requireNonNull(timeout, "timeout");
    requireNonNull(methodTimeouts, "methodTimeouts");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
    }
    return new TimeoutServerInterceptor(timeout, methodTimeouts, scheduler);
  }

  /** Applies {@code interceptor} to unary calls only (go-zero's unary interceptors). */
  public static ServerInterceptor unaryOnly(ServerInterceptor interceptor) {
    return MethodTypeFilters.server(requireNonNull(interceptor, "interceptor"), true);
  }

  /** Applies {@code interceptor} to streaming calls only (go-zero's stream interceptors). */
  public static ServerInterceptor streamOnly(ServerInterceptor interceptor) {
    return MethodTypeFilters.server(requireNonNull(interceptor, "interceptor"), false);
  }
}
