package io.github.zero4j.rpc.balancer;

import io.grpc.ClientStreamTracer;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.util.ForwardingClientStreamTracer;
import org.jspecify.annotations.Nullable;

/*
 * How the picker learns how a call went. grpc-java gives a picker no "done" callback (grpc-go's
 * PickResult.Done); instead a PickResult may carry a ClientStreamTracer.Factory, and the channel
 * asks it for a tracer when it creates the stream on the picked subchannel and calls
 * streamClosed(status) exactly once when that stream ends.
 *
 * inflight is counted from stream creation, not from the pick as go-zero does: the channel may
 * drop a pick result without creating a stream (the subchannel's transport went away between the
 * pick and the stream; the call is then re-picked), and a count taken at pick time would leak.
 * Stream creation follows the pick within microseconds, so the latency sample and the inflight
 * window are the same as go-zero's for every practical purpose. With retries or hedging each
 * attempt is its own stream and its own sample.
 */

/** Creates the tracers that feed one endpoint's {@link EndpointStats}. Thread-safe. */
final class EndpointTracerFactory extends ClientStreamTracer.Factory {
  private static final ClientStreamTracer NOOP = new ClientStreamTracer() {};

  private final EndpointStats stats;
  private final P2cContext context;
  private final ClientStreamTracer.@Nullable Factory delegate;

  EndpointTracerFactory(EndpointStats stats, P2cContext context) {
    this(stats, context, null);
  }

  private EndpointTracerFactory(
      EndpointStats stats, P2cContext context, ClientStreamTracer.@Nullable Factory delegate) {
    this.stats = stats;
    this.context = context;
    this.delegate = delegate;
  }

  /** This factory chained after {@code other}'s tracers (a child policy's own tracer factory). */
  EndpointTracerFactory andThen(ClientStreamTracer.Factory other) {
    return new EndpointTracerFactory(stats, context, other);
  }

  @Override
  public ClientStreamTracer newClientStreamTracer(
      ClientStreamTracer.StreamInfo info, Metadata headers) {
    ClientStreamTracer inner =
        delegate == null ? NOOP : delegate.newClientStreamTracer(info, headers);
    stats.onStreamStart();
    return new Tracer(inner, context.ticker().read());
  }

  /**
   * The gRPC codes that count as failures: those go-zero's client breaker and picker treat as not
   * acceptable (zrpc/internal/codes/accept.go). Every other code, including CANCELLED, is a
   * success.
   */
  static boolean isFailure(Status.Code code) {
    switch (code) {
      case DEADLINE_EXCEEDED:
      case INTERNAL:
      case UNAVAILABLE:
      case DATA_LOSS:
      case UNIMPLEMENTED:
      case RESOURCE_EXHAUSTED:
        return true;
      default:
        return false;
    }
  }

  private final class Tracer extends ForwardingClientStreamTracer {
    private final ClientStreamTracer inner;
    private final long start;

    Tracer(ClientStreamTracer inner, long start) {
      this.inner = inner;
      this.start = start;
    }

    @Override
    protected ClientStreamTracer delegate() {
      return inner;
    }

    @Override
    public void streamClosed(Status status) {
      long now = context.ticker().read();
      stats.onStreamEnd(start, now, isFailure(status.getCode()));
      context.maybeLogStats(now);
      super.streamClosed(status);
    }
  }
}
