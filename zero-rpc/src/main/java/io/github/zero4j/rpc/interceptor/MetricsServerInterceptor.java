package io.github.zero4j.rpc.interceptor;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * go-zero's server Prometheus interceptor, for unary calls: {@code
 * rpc_server_requests_duration_ms{method}} and {@code rpc_server_requests_code_total{method, code}}
 * for every call, rejections by the breaker and the shedder included.
 */
final class MetricsServerInterceptor implements ServerInterceptor {
  private final RpcMeters meters;
  private final Ticker ticker;

  MetricsServerInterceptor(RpcMeters meters, Ticker ticker) {
    this.meters = requireNonNull(meters, "meters");
    this.ticker = requireNonNull(ticker, "ticker");
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    MethodDescriptor<ReqT, RespT> method = call.getMethodDescriptor();
    if (method.getType() != MethodDescriptor.MethodType.UNARY) {
      return next.startCall(call, headers);
    }
    long start = ticker.read();
    return new EndAwareServerCall<ReqT, RespT>(call) {
      @Override
      void onEnd(Status status) {
        meters.record(method.getFullMethodName(), status.getCode(), ticker.read() - start);
      }
    }.start(headers, next);
  }
}
