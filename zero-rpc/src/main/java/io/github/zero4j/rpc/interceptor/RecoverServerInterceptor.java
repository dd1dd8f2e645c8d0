package io.github.zero4j.rpc.interceptor;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * go-zero's recover interceptor: an exception that escapes the handler (or an inner interceptor) is
 * logged at ERROR with its stack and ends the call with {@code INTERNAL "panic: <exception>"},
 * instead of grpc-java's bare {@code UNKNOWN}. A thrown {@link io.grpc.StatusRuntimeException} or
 * {@link io.grpc.StatusException} is the handler's chosen answer: it ends the call with its own
 * status and trailers and is logged at DEBUG only. A {@link VirtualMachineError} other than {@link
 * StackOverflowError} is not recovered (the JVM may be unusable); grpc-java then answers {@code
 * UNKNOWN}. Unary and streaming calls alike.
 */
final class RecoverServerInterceptor implements ServerInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(RecoverServerInterceptor.class);

  static final RecoverServerInterceptor INSTANCE = new RecoverServerInterceptor();

  private RecoverServerInterceptor() {}

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    GuardedServerCall<ReqT, RespT> guarded = new GuardedServerCall<>(call, null);
    ServerCall.Listener<ReqT> listener;
    try {
      listener = next.startCall(guarded, headers);
    } catch (RuntimeException | Error e) {
      recover(guarded, e);
      return new ServerCall.Listener<>() {};
    }
    return new RecoveringListener<>(listener, guarded);
  }

  static void recover(GuardedServerCall<?, ?> call, Throwable thrown) {
    if (thrown instanceof VirtualMachineError fatal && !(thrown instanceof StackOverflowError)) {
      throw fatal;
    }
    String method = call.getMethodDescriptor().getFullMethodName();
    Status status = Statuses.fromThrown(thrown);
    if (Statuses.ownStatus(thrown) != null) {
      LOG.debug("[rpc] /{} ended by a thrown {}", method, Statuses.describe(status));
    } else {
      LOG.error("[rpc] panic in /{}: {}", method, thrown.toString(), thrown);
    }
    call.closeIfOpen(status, Statuses.trailers(thrown));
  }

  private static final class RecoveringListener<ReqT>
      extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {
    private final GuardedServerCall<ReqT, ?> call;

    RecoveringListener(ServerCall.Listener<ReqT> delegate, GuardedServerCall<ReqT, ?> call) {
      super(delegate);
      this.call = call;
    }

    @Override
    public void onMessage(ReqT message) {
      try {
        super.onMessage(message);
      } catch (RuntimeException | Error e) {
        recover(call, e);
      }
    }

    @Override
    public void onHalfClose() {
      try {
        super.onHalfClose();
      } catch (RuntimeException | Error e) {
        recover(call, e);
      }
    }

    @Override
    public void onReady() {
      try {
        super.onReady();
      } catch (RuntimeException | Error e) {
        recover(call, e);
      }
    }

    @Override
    public void onCancel() {
      try {
        super.onCancel();
      } catch (RuntimeException | Error e) {
        recover(call, e);
      }
    }

    @Override
    public void onComplete() {
      try {
        super.onComplete();
      } catch (RuntimeException | Error e) {
        recover(call, e);
      }
    }
  }
}
