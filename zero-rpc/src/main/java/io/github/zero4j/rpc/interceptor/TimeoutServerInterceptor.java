package io.github.zero4j.rpc.interceptor;

import static java.util.Objects.requireNonNull;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * go-zero's server timeout interceptor, for unary calls. The call runs in an {@link
 * io.grpc.Context} whose deadline is the earlier of the client's ({@code grpc-timeout}, already on
 * the call's context) and now + the method's timeout (its {@code MethodTimeouts} entry, else the
 * server {@code Timeout}); the handler sees it as {@code Context.current().getDeadline()}, and
 * calls it makes carry it on. When that deadline passes first, the call ends with {@code
 * DEADLINE_EXCEEDED "context deadline exceeded"} from the scheduler's thread, the context is
 * cancelled, and whatever the handler sends afterwards is dropped ({@link GuardedServerCall}).
 *
 * <p>go-zero runs the handler in a new goroutine and abandons it; here the handler keeps its thread
 * and sees the cancellation through the context, which is how grpc-java handlers stop early.
 */
final class TimeoutServerInterceptor implements ServerInterceptor {
  private final long defaultNanos;
  private final Map<String, Long> methodNanos;
  private final ScheduledExecutorService scheduler;

  /**
   * @param methodTimeouts keyed by {@code /package.Service/Method}
   */
  TimeoutServerInterceptor(
      Duration timeout, Map<String, Duration> methodTimeouts, ScheduledExecutorService scheduler) {
    this.defaultNanos = timeout.toNanos();
    Map<String, Long> byName = new HashMap<>();
    methodTimeouts.forEach(
        (method, methodTimeout) -> {
          if (!method.startsWith("/")) {
            throw new IllegalArgumentException(
                "methodTimeouts: " + method + " (expected: /package.Service/Method)");
          }
          byName.put(method.substring(1), methodTimeout.toNanos());
        });
    this.methodNanos = Map.copyOf(byName);
    this.scheduler = requireNonNull(scheduler, "scheduler");
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    MethodDescriptor<ReqT, RespT> method = call.getMethodDescriptor();
    if (method.getType() != MethodDescriptor.MethodType.UNARY) {
      return next.startCall(call, headers);
    }
    long timeout = methodNanos.getOrDefault(method.getFullMethodName(), defaultNanos);
    if (timeout <= 0) {
      return next.startCall(call, headers);
    }
    // withDeadlineAfter keeps the parent's deadline when that is earlier.
    Context.CancellableContext context =
        Context.current().withDeadlineAfter(timeout, TimeUnit.NANOSECONDS, scheduler);
    GuardedServerCall<ReqT, RespT> guarded =
        new GuardedServerCall<>(call, () -> context.cancel(null));
    context.addListener(
        cancelled -> {
          Status status = Contexts.statusFromCancelled(cancelled);
          if (status != null && status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            guarded.closeIfOpen(
                Status.DEADLINE_EXCEEDED.withDescription(Statuses.DEADLINE_EXCEEDED_MESSAGE),
                new Metadata());
          }
        },
        Runnable::run);
    ServerCall.Listener<ReqT> listener;
    try {
      listener = Contexts.interceptCall(context, guarded, headers, next);
    } catch (RuntimeException | Error e) {
      context.cancel(e);
      throw e;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onCancel() {
        try {
          super.onCancel();
        } finally {
          context.cancel(null);
        }
      }

      @Override
      public void onComplete() {
        try {
          super.onComplete();
        } finally {
          context.cancel(null);
        }
      }
    };
  }
}
