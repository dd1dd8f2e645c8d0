package io.github.zero4j.rpc.interceptor;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Deadline;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * go-zero's client timeout interceptor, for unary calls: the call's deadline becomes the earliest
 * of its own ({@code CallOptions}, e.g. a stub's {@code withDeadlineAfter}), now + the client
 * timeout, and, as grpc-java always applies it, the caller's {@link io.grpc.Context} deadline (a
 * server handler's, or one set with {@link io.github.zero4j.rpc.Deadlines}). gRPC sends what is
 * left as {@code grpc-timeout}.
 */
final class TimeoutClientInterceptor implements ClientInterceptor {
  private final long timeoutNanos;

  TimeoutClientInterceptor(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    if (method.getType() != MethodDescriptor.MethodType.UNARY || timeoutNanos <= 0) {
      return next.newCall(method, callOptions);
    }
    Deadline ours = Deadline.after(timeoutNanos, TimeUnit.NANOSECONDS);
    Deadline existing = callOptions.getDeadline();
    if (existing == null || ours.isBefore(existing)) {
      callOptions = callOptions.withDeadline(ours);
    }
    return next.newCall(method, callOptions);
  }
}
