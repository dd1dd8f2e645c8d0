package io.github.zero4j.rpc.interceptor;

import static java.util.Objects.requireNonNull;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * go-zero's per-RPC credentials of {@code RpcClientConf.App} and {@code Token}: metadata {@code
 * app} and {@code token} on every call, as go-zero's auth interceptor reads them.
 */
final class AppTokenClientInterceptor implements ClientInterceptor {
  static final Metadata.Key<String> APP = Metadata.Key.of("app", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> TOKEN =
      Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);

  private final String app;
  private final String token;

  AppTokenClientInterceptor(String app, String token) {
    this.app = requireNonNull(app, "app");
    this.token = requireNonNull(token, "token");
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(
        next.newCall(method, callOptions)) {
      @Override
      public void start(Listener<RespT> responseListener, Metadata headers) {
        headers.put(APP, app);
        headers.put(TOKEN, token);
        super.start(responseListener, headers);
      }
    };
  }
}
