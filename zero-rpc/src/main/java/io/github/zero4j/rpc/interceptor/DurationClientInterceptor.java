package io.github.zero4j.rpc.interceptor;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * go-zero's client duration interceptor, for unary calls: a failed call is logged at ERROR, a
 * successful one slower than the threshold at WARN:
 *
 * <pre>{@code
 * fail - direct:///10.0.0.7:8080/user.User/Get - UNAVAILABLE: io exception - 3.1ms
 * [RPC] ok - slowcall - direct:///10.0.0.7:8080/user.User/Get - 612.0ms
 * }</pre>
 *
 * go-zero also logs the request and reply; here only the status is, as requests may be large or
 * sensitive and the server's stat line already shows them.
 */
final class DurationClientInterceptor implements ClientInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(DurationClientInterceptor.class);
  private static final double NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

  private final String target;
  private final long slowNanos;
  private final Ticker ticker;

  DurationClientInterceptor(String target, Duration slowThreshold, Ticker ticker) {
    this.target = requireNonNull(target, "target");
    this.slowNanos = slowThreshold.toNanos();
    this.ticker = requireNonNull(ticker, "ticker");
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    ClientCall<ReqT, RespT> call = next.newCall(method, callOptions);
    if (method.getType() != MethodDescriptor.MethodType.UNARY) {
      return call;
    }
    long start = ticker.read();
    return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
      @Override
      public void start(Listener<RespT> responseListener, Metadata headers) {
        super.start(
            new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(
                responseListener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                log(method, status, ticker.read() - start);
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
  }

  private void log(MethodDescriptor<?, ?> method, Status status, long elapsed) {
    if (!status.isOk()) {
      if (LOG.isErrorEnabled()) {
        LOG.error(
            "fail - {}/{} - {} - {}",
            target,
            method.getFullMethodName(),
            Statuses.describe(status),
            millis(elapsed));
      }
    } else if (elapsed > slowNanos && LOG.isWarnEnabled()) {
      LOG.warn(
          "[RPC] ok - slowcall - {}/{} - {}", target, method.getFullMethodName(), millis(elapsed));
    }
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1fms", nanos / NANOS_PER_MILLI);
  }
}
