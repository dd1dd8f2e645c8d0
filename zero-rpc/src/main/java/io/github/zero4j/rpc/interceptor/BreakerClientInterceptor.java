package io.github.zero4j.rpc.interceptor;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.breaker.BreakerOpenException;
import io.github.zero4j.core.breaker.BreakerRegistry;
import io.github.zero4j.core.breaker.Promise;
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
 * go-zero's client breaker interceptor, for unary calls: one breaker per target and method, named
 * {@code <target>/<package.Service/Method>} in the client's registry. A call that ends with one of
 * {@link Statuses#BREAKER_FAILURES} is a failure (the client timeout's {@code DEADLINE_EXCEEDED}
 * too: the timeout interceptor sits inside this one), any other a success.
 *
 * <p>A dropped call never reaches the network and fails with {@code UNAVAILABLE "circuit breaker is
 * open"} whose cause is the breaker's {@link BreakerOpenException}: a status like any other for
 * stubs and retry policies, while {@code e.getCause() instanceof BreakerOpenException} still tells
 * a local drop from a remote {@code UNAVAILABLE}. go-zero returns the breaker's plain error, which
 * gRPC callers read as {@code UNKNOWN}.
 */
final class BreakerClientInterceptor implements ClientInterceptor {
  private final BreakerRegistry breakers;
  private final String prefix;

  BreakerClientInterceptor(BreakerRegistry breakers, String target) {
    this.breakers = requireNonNull(breakers, "breakers");
    this.prefix = requireNonNull(target, "target") + "/";
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    if (method.getType() != MethodDescriptor.MethodType.UNARY) {
      return next.newCall(method, callOptions);
    }
    Breaker breaker = breakers.get(prefix + method.getFullMethodName());
    Promise promise;
    try {
      promise = breaker.allow();
    } catch (BreakerOpenException e) {
      return new RejectedClientCall<>(
          Status.UNAVAILABLE.withDescription(BreakerOpenException.MESSAGE).withCause(e),
          callOptions.getExecutor());
    }
    return new ForwardingClientCall.SimpleForwardingClientCall<>(
        next.newCall(method, callOptions)) {
      @Override
      public void start(Listener<RespT> responseListener, Metadata headers) {
        super.start(
            new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(
                responseListener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                if (Statuses.isBreakerFailure(status.getCode())) {
                  promise.reject(Statuses.describe(status));
                } else {
                  promise.accept();
                }
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
  }
}
