package io.github.zero4j.rpc.interceptor;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** Interceptors that apply another one to unary calls only, or to streaming calls only. */
final class MethodTypeFilters {
  private MethodTypeFilters() {}

  static boolean isUnary(MethodDescriptor<?, ?> method) {
    return method.getType() == MethodDescriptor.MethodType.UNARY;
  }

  /** Applies {@code delegate} to the calls that are unary exactly when {@code unary}. */
  static ServerInterceptor server(ServerInterceptor delegate, boolean unary) {
    return new ServerInterceptor() {
      @Override
      public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
          ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        return isUnary(call.getMethodDescriptor()) == unary
            ? delegate.interceptCall(call, headers, next)
            : next.startCall(call, headers);
      }

      @Override
      public String toString() {
        return (unary ? "unaryOnly(" : "streamOnly(") + delegate + ")";
      }
    };
  }

  /** Applies {@code delegate} to the calls that are unary exactly when {@code unary}. */
  static ClientInterceptor client(ClientInterceptor delegate, boolean unary) {
    return new ClientInterceptor() {
      @Override
      public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
          MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
        return isUnary(method) == unary
            ? delegate.interceptCall(method, callOptions, next)
            : next.newCall(method, callOptions);
      }

      @Override
      public String toString() {
        return (unary ? "unaryOnly(" : "streamOnly(") + delegate + ")";
      }
    };
  }
}
