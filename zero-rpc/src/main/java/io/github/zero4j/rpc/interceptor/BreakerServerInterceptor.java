package io.github.zero4j.rpc.interceptor;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.breaker.BreakerOpenException;
import io.github.zero4j.core.breaker.BreakerRegistry;
import io.github.zero4j.core.breaker.Promise;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * go-zero's server breaker interceptor: one breaker per full method, named {@code
 * /package.Service/Method} in the server's registry. A dropped call ends at once with {@code
 * UNAVAILABLE "circuit breaker is open"}; a finished call is a failure when it ends with one of
 * {@link Statuses#BREAKER_FAILURES} (the shedder's {@code RESOURCE_EXHAUSTED} and the timeout's
 * {@code DEADLINE_EXCEEDED} among them), otherwise a success. Unary and streaming calls alike.
 */
final class BreakerServerInterceptor implements ServerInterceptor {
  private final BreakerRegistry breakers;

  BreakerServerInterceptor(BreakerRegistry breakers) {
    this.breakers = requireNonNull(breakers, "breakers");
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    Breaker breaker = breakers.get("/" + call.getMethodDescriptor().getFullMethodName());
    Promise promise;
    try {
      promise = breaker.allow();
    } catch (BreakerOpenException e) {
      call.close(Status.UNAVAILABLE.withDescription(BreakerOpenException.MESSAGE), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return new EndAwareServerCall<ReqT, RespT>(call) {
      @Override
      void onEnd(Status status) {
        if (Statuses.isBreakerFailure(status.getCode())) {
          promise.reject(Statuses.describe(status));
        } else {
          promise.accept();
        }
      }
    }.start(headers, next);
  }
}
