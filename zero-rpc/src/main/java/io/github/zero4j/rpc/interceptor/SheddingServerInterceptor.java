package io.github.zero4j.rpc.interceptor;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.load.OverloadedException;
import io.github.zero4j.core.load.Promise;
import io.github.zero4j.core.load.Shedder;
import io.github.zero4j.core.stat.StatMetrics;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * go-zero's shedding interceptor, for unary calls: a call the shedder rejects ends at once with
 * {@code RESOURCE_EXHAUSTED "service overloaded"} and counts as a drop in the stat line; an
 * admitted call that ends with {@code DEADLINE_EXCEEDED} is a shedder failure, any other end a pass
 * (its latency feeds the capacity estimate).
 */
final class SheddingServerInterceptor implements ServerInterceptor {
  private final Shedder shedder;
  private final StatMetrics metrics;

  SheddingServerInterceptor(Shedder shedder, StatMetrics metrics) {
    this.shedder = requireNonNull(shedder, "shedder");
    this.metrics = requireNonNull(metrics, "metrics");
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    if (call.getMethodDescriptor().getType() != MethodDescriptor.MethodType.UNARY) {
      return next.startCall(call, headers);
    }
    Promise promise;
    try {
      promise = shedder.allow();
    } catch (OverloadedException e) {
      metrics.addDrop();
      call.close(
          Status.RESOURCE_EXHAUSTED.withDescription(OverloadedException.MESSAGE), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return new EndAwareServerCall<ReqT, RespT>(call) {
      @Override
      void onEnd(Status status) {
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
          promise.fail();
        } else {
          promise.pass();
        }
      }
    }.start(headers, next);
  }
}
