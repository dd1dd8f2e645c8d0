package io.github.zero4j.rpc.interceptor;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.core.timex.Ticker;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * go-zero's stat interceptor, for unary calls: adds every call's duration to the per-minute stat
 * line ({@link StatMetrics}) and logs a call slower than the threshold at WARN:
 *
 * <pre>{@code
 * [RPC] slowcall - 10.0.0.7:53422 - /user.User/Get - OK - <request> - 612.3ms
 * }</pre>
 *
 * go-zero logs every call at INFO; here the same line (without the {@code slowcall} tag) is logged
 * at DEBUG, so a busy server does not write one line per request unless asked to. The request is
 * the first request message's {@code toString()}, cut at {@value #MAX_CONTENT_CHARS} characters, or
 * nothing for the methods whose content is ignored.
 */
final class StatServerInterceptor implements ServerInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(StatServerInterceptor.class);

  /** Longest request text logged; go-zero logs it whole (its MaxContentLength is a log option). */
  static final int MAX_CONTENT_CHARS = 1024;

  private static final double NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

  private final StatMetrics metrics;
  private final long slowNanos;
  private final Set<String> ignoreContentMethods;
  private final Ticker ticker;

  StatServerInterceptor(
      StatMetrics metrics,
      Duration slowThreshold,
      Set<String> ignoreContentMethods,
      Ticker ticker) {
    this.metrics = requireNonNull(metrics, "metrics");
    this.slowNanos = slowThreshold.toNanos();
    this.ignoreContentMethods = Set.copyOf(ignoreContentMethods);
    this.ticker = requireNonNull(ticker, "ticker");
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    if (call.getMethodDescriptor().getType() != MethodDescriptor.MethodType.UNARY) {
      return next.startCall(call, headers);
    }
    long start = ticker.read();
    return new EndAwareServerCall<ReqT, RespT>(call) {
      private volatile @Nullable Object request;

      @Override
      void onRequest(ReqT message) {
        if (request == null) {
          request = message;
        }
      }

      @Override
      void onEnd(Status status) {
        long elapsed = ticker.read() - start;
        metrics.add(elapsed);
        log(call, status, elapsed, request);
      }
    }.start(headers, next);
  }

  private void log(ServerCall<?, ?> call, Status status, long elapsed, @Nullable Object request) {
    boolean slow = elapsed > slowNanos;
    if (slow ? !LOG.isWarnEnabled() : !LOG.isDebugEnabled()) {
      return;
    }
    String method = "/" + call.getMethodDescriptor().getFullMethodName();
    String content = ignoreContentMethods.contains(method) ? "" : content(request);
    String millis = String.format(Locale.ROOT, "%.1fms", elapsed / NANOS_PER_MILLI);
    if (slow) {
      LOG.warn(
          "[RPC] slowcall - {} - {} - {} - {} - {}",
          Peers.of(call),
          method,
          status.getCode(),
          content,
          millis);
    } else {
      LOG.debug(
          "{} - {} - {} - {} - {}", Peers.of(call), method, status.getCode(), content, millis);
    }
  }

  private static String content(@Nullable Object request) {
    String text = String.valueOf(request);
    return text.length() <= MAX_CONTENT_CHARS
        ? text
        : text.substring(0, MAX_CONTENT_CHARS) + "...(truncated)";
  }
}
