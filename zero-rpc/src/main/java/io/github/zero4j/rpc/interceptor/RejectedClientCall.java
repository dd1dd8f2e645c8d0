package io.github.zero4j.rpc.interceptor;

import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A client call that never reaches the network: {@link #start} reports {@code status} to the
 * listener, on the call's executor when the call options name one (a blocking stub's), else on the
 * caller's thread. Everything else is a no-op.
 */
final class RejectedClientCall<ReqT, RespT> extends ClientCall<ReqT, RespT> {
  private final Status status;
  private final @Nullable Executor executor;

  RejectedClientCall(Status status, @Nullable Executor executor) {
    this.status = status;
    this.executor = executor;
  }

  @Override
  public void start(Listener<RespT> responseListener, Metadata headers) {
    Runnable close = () -> responseListener.onClose(status, new Metadata());
    Executor callExecutor = executor;
    if (callExecutor != null) {
      callExecutor.execute(close);
    } else {
      close.run();
    }
  }

  @Override
  public void request(int numMessages) {}

  @Override
  public void cancel(@Nullable String message, @Nullable Throwable cause) {}

  @Override
  public void halfClose() {}

  @Override
  public void sendMessage(ReqT message) {}

  @Override
  public boolean isReady() {
    return false;
  }
}
