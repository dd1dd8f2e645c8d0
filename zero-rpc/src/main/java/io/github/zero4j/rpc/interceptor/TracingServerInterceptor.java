package io.github.zero4j.rpc.interceptor;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.trace.Tracing;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * go-zero's server tracing interceptor: continues the caller's trace from the metadata ({@code
 * traceparent}, {@code tracestate}, {@code baggage}), starts a SERVER span named after the full
 * method ({@code package.Service/Method}) with the RPC attributes, makes it current for every
 * listener callback (so the handler's logs and outgoing calls carry it), records message events and
 * ends it with the call's status. Unary and streaming calls alike.
 */
@SuppressWarnings("try") // a Scope is only opened and closed, never referenced
final class TracingServerInterceptor implements ServerInterceptor {
  private final Tracing tracing;

  TracingServerInterceptor(Tracing tracing) {
    this.tracing = requireNonNull(tracing, "tracing");
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    Context parent = tracing.extract(name -> MetadataKeys.get(headers, name));
    Span span =
        tracing.start(call.getMethodDescriptor().getFullMethodName(), SpanKind.SERVER, parent);
    RpcSpans.describe(span, call.getMethodDescriptor(), call.getAttributes());
    Context context = parent.with(span);
    TracedCall<ReqT, RespT> traced = new TracedCall<>(call, span);
    ServerCall.Listener<ReqT> listener;
    try (Scope ignored = context.makeCurrent()) {
      listener = next.startCall(traced, headers);
    } catch (RuntimeException | Error e) {
      traced.end(Statuses.fromThrown(e));
      throw e;
    }
    return new TracedListener<>(listener, traced, context);
  }

  /** Ends the span when the call is closed. */
  private static final class TracedCall<ReqT, RespT>
      extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
    private final Span span;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    TracedCall(ServerCall<ReqT, RespT> delegate, Span span) {
      super(delegate);
      this.span = span;
    }

    @Override
    public void sendMessage(RespT message) {
      RpcSpans.message(span, "SENT", sent.incrementAndGet());
      super.sendMessage(message);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      end(status);
      super.close(status, trailers);
    }

    void received() {
      RpcSpans.message(span, "RECEIVED", received.incrementAndGet());
    }

    void end(Status status) {
      if (ended.compareAndSet(false, true)) {
        RpcSpans.end(span, status);
      }
    }
  }

  /** Runs every callback with the span current. */
  private static final class TracedListener<ReqT, RespT>
      extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {
    private final TracedCall<ReqT, RespT> call;
    private final Context context;

    TracedListener(
        ServerCall.Listener<ReqT> delegate, TracedCall<ReqT, RespT> call, Context context) {
      super(delegate);
      this.call = call;
      this.context = context;
    }

    @Override
    public void onMessage(ReqT message) {
      call.received();
      try (Scope ignored = context.makeCurrent()) {
        super.onMessage(message);
      } catch (RuntimeException | Error e) {
        call.end(Statuses.fromThrown(e));
        throw e;
      }
    }

    @Override
    public void onHalfClose() {
      try (Scope ignored = context.makeCurrent()) {
        super.onHalfClose();
      } catch (RuntimeException | Error e) {
        call.end(Statuses.fromThrown(e));
        throw e;
      }
    }

    @Override
    public void onReady() {
      try (Scope ignored = context.makeCurrent()) {
        super.onReady();
      } catch (RuntimeException | Error e) {
        call.end(Statuses.fromThrown(e));
        throw e;
      }
    }

    @Override
    public void onCancel() {
      call.end(Statuses.cancelled());
      try (Scope ignored = context.makeCurrent()) {
        super.onCancel();
      }
    }

    @Override
    public void onComplete() {
      call.end(Status.OK);
      try (Scope ignored = context.makeCurrent()) {
        super.onComplete();
      }
    }
  }
}
