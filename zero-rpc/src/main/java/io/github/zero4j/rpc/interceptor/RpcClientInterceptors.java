package io.github.zero4j.rpc.interceptor;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.breaker.BreakerRegistry;
import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.core.trace.Tracing;
import io.grpc.ClientInterceptor;
import java.time.Duration;

/**
 * go-zero's client interceptors ({@code zrpc/internal/clientinterceptors}) for any grpc-java
 * channel. {@link io.github.zero4j.rpc.RpcClient} installs them in go-zero's order, outermost
 * first:
 *
 * <ol>
 *   <li>{@link #tracing} — all calls;
 *   <li>{@link #duration} — unary: failure and slow-call log;
 *   <li>{@link #metrics} — unary: {@code rpc_client_requests_*};
 *   <li>{@link #breaker} — unary: {@code UNAVAILABLE "circuit breaker is open"} without a network
 *       call;
 *   <li>{@link #timeout} — unary: the call's deadline narrowed to the client timeout.
 * </ol>
 *
 * With grpc-java's {@code ClientInterceptors.interceptForward(channel, list)} the first of the list
 * runs first. Every interceptor returned here is thread-safe.
 */
public final class RpcClientInterceptors {
  private RpcClientInterceptors() {}

  /**
   * A CLIENT span per call under the caller's current context, written into the metadata as {@code
   * traceparent} (and {@code tracestate}, {@code baggage}).
   */
  public static ClientInterceptor tracing(Tracing tracing) {
    return new TracingClientInterceptor(tracing);
  }

  /**
   * Logs failed unary calls at ERROR and successful ones slower than {@code slowThreshold} at WARN,
   * naming them {@code <target>/<package.Service/Method>}.
   */
  public static ClientInterceptor duration(String target, Duration slowThreshold) {
    requireNonNull(slowThreshold, "slowThreshold");
    if (slowThreshold.isNegative()) {
      throw new IllegalArgumentException("slowThreshold: " + slowThreshold + " (expected: >= 0)");
    }
    return new DurationClientInterceptor(target, slowThreshold, Ticker.system());
  }

  /**
   * Records {@code rpc_client_requests_duration_ms{method}} and {@code
   * rpc_client_requests_code_total{method, code}} for each unary call.
   */
  public static ClientInterceptor metrics(ZeroMeters meters) {
    return new MetricsClientInterceptor(RpcMeters.client(meters), Ticker.system());
  }

  /**
   * A breaker per method named {@code <target>/<package.Service/Method>} from {@code breakers}. A
   * dropped unary call fails with {@code UNAVAILABLE "circuit breaker is open"} caused by {@link
   * io.github.zero4j.core.breaker.BreakerOpenException}. Failures: {@code DEADLINE_EXCEEDED},
   * {@code INTERNAL}, {@code UNAVAILABLE}, {@code DATA_LOSS}, {@code UNIMPLEMENTED}, {@code
   * RESOURCE_EXHAUSTED}.
   */
  public static ClientInterceptor breaker(BreakerRegistry breakers, String target) {
    return new BreakerClientInterceptor(breakers, target);
  }

  /**
   * Narrows each unary call's deadline to now + {@code timeout} when that is earlier; zero leaves
   * it alone.
   */
  public static ClientInterceptor timeout(Duration timeout) {
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
    }
    return new TimeoutClientInterceptor(timeout);
  }

  /** Sends metadata {@code app} and {@code token} on every call (go-zero's App/Token). */
  public static ClientInterceptor appToken(String app, String token) {
    return new AppTokenClientInterceptor(app, token);
  }

  /** Applies {@code interceptor} to unary calls only. */
  public static ClientInterceptor unaryOnly(ClientInterceptor interceptor) {
    return MethodTypeFilters.client(requireNonNull(interceptor, "interceptor"), true);
  }

  /** Applies {@code interceptor} to streaming calls only. */
  public static ClientInterceptor streamOnly(ClientInterceptor interceptor) {
    return MethodTypeFilters.client(requireNonNull(interceptor, "interceptor"), false);
  }
}
