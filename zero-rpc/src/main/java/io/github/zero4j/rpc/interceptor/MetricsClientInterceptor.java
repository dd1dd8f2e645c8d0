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

/**
 * go-zero's client Prometheus interceptor, for unary calls: {@code
 * rpc_client_requests_duration_ms{method}} and {@code rpc_client_requests_code_total{method,
 * code}}, breaker rejections and timeouts included.
 */
final class MetricsClientInterceptor implements ClientInterceptor {
  private final RpcMeters meters;
  private final Ticker ticker;

  MetricsClientInterceptor(RpcMeters meters, Ticker ticker) {
    this.meters = requireNonNull(meters, "meters");
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
                meters.record(method.getFullMethodName(), status.getCode(), ticker.read() - start);
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
  }
}
