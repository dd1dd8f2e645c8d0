package io.github.zero4j.rpc.interceptor;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.trace.Tracing;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicLong;

/**
 * go-zero's client tracing interceptor: a CLIENT span named after the full method, child of the
 * caller's current OpenTelemetry context, whose trace context is written into the outgoing metadata
 * ({@code traceparent}, {@code tracestate}, {@code baggage}) and which ends with the call's status.
 * Unary and streaming calls alike.
 */
final class TracingClientInterceptor implements ClientInterceptor {
  private final Tracing tracing;

  TracingClientInterceptor(Tracing tracing) {
    this.tracing = requireNonNull(tracing, "tracing");
  }

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    Context parent = Context.current();
    Span span = tracing.start(method.getFullMethodName(), SpanKind.CLIENT, parent);
    RpcSpans.describe(span, method, null);
    Context context = parent.with(span);
    AtomicLong sent = new AtomicLong();
    AtomicLong received = new AtomicLong();
    return new ForwardingClientCall.SimpleForwardingClientCall<>(
        next.newCall(method, callOptions)) {
      @Override
      public void start(Listener<RespT> responseListener, Metadata headers) {
        tracing.inject(context, (name, value) -> MetadataKeys.put(headers, name, value));
        Listener<RespT> traced =
            new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(
                responseListener) {
              @Override
              public void onMessage(RespT message) {
                RpcSpans.message(span, "RECEIVED", received.incrementAndGet());
                super.onMessage(message);
              }

              @Override
              public void onClose(Status status, Metadata trailers) {
                RpcSpans.end(span, status);
                super.onClose(status, trailers);
              }
            };
        try {
          super.start(traced, headers);
        } catch (RuntimeException | Error e) {
          RpcSpans.end(span, Status.fromThrowable(e));
          throw e;
        }
      }

      @Override
      public void sendMessage(ReqT message) {
        RpcSpans.message(span, "SENT", sent.incrementAndGet());
        super.sendMessage(message);
      }
    };
  }
}
