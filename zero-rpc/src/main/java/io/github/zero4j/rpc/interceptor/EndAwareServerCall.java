package io.github.zero4j.rpc.interceptor;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server call that reports its end exactly once, whichever comes first: the handler (or an inner
 * interceptor) closes it with a status; an exception escapes the handler (the status it will end
 * with, {@link Statuses#fromThrown}); the transport cancels it (client gone or deadline passed,
 * {@link Statuses#cancelled}). Interceptors that must pair a start with an end (breaker promises,
 * shedder promises, metrics, the stat line) subclass it and return {@link #start}.
 *
 * <p>Thread-safety: {@link #onEnd} runs once, on whichever thread ends the call first (a handler
 * thread, the transport's, or a timer's).
 */
abstract class EndAwareServerCall<ReqT, RespT>
    extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
  private final AtomicBoolean ended = new AtomicBoolean();

  EndAwareServerCall(ServerCall<ReqT, RespT> delegate) {
    super(delegate);
  }

  /** The call ended with {@code status}; called once. */
  abstract void onEnd(Status status);

  /** A request message arrived (before the handler sees it). Does nothing by default. */
  void onRequest(ReqT message) {}

  @Override
  public void close(Status status, Metadata trailers) {
    end(status);
    super.close(status, trailers);
  }

  final void end(Status status) {
    if (ended.compareAndSet(false, true)) {
      onEnd(status);
    }
  }

  /** Starts the call on {@code next} with this wrapper in place and observes its listener. */
  final ServerCall.Listener<ReqT> start(Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    ServerCall.Listener<ReqT> listener;
    try {
      listener = next.startCall(this, headers);
    } catch (RuntimeException | Error e) {
      end(Statuses.fromThrown(e));
      throw e;
    }
    return new Listener(listener);
  }

  private final class Listener
      extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {
    Listener(ServerCall.Listener<ReqT> delegate) {
      super(delegate);
    }

    @Override
    public void onMessage(ReqT message) {
      onRequest(message);
      try {
        super.onMessage(message);
      } catch (RuntimeException | Error e) {
        end(Statuses.fromThrown(e));
        throw e;
      }
    }

    @Override
    public void onHalfClose() {
      try {
        super.onHalfClose();
      } catch (RuntimeException | Error e) {
        end(Statuses.fromThrown(e));
        throw e;
      }
    }

    @Override
    public void onReady() {
      try {
        super.onReady();
      } catch (RuntimeException | Error e) {
        end(Statuses.fromThrown(e));
        throw e;
      }
    }

    @Override
    public void onCancel() {
      end(Statuses.cancelled());
      super.onCancel();
    }

    @Override
    public void onComplete() {
      // Closed successfully by a layer outside this one; no inner close passed through here.
      end(Status.OK);
      super.onComplete();
    }
  }
}
