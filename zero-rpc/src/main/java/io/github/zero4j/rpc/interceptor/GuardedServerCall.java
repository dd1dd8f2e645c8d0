package io.github.zero4j.rpc.interceptor;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A server call that an interceptor may close on the handler's behalf, from any thread: {@link
 * #closeIfOpen} races safely with the handler's own {@code sendHeaders}, {@code sendMessage} and
 * {@code close} (grpc-java's {@link ServerCall} is not thread-safe), and once it has closed the
 * call whatever the handler sends later is dropped. The timeout interceptor closes with {@code
 * DEADLINE_EXCEEDED} from a timer thread; the recover interceptor closes with {@code INTERNAL}.
 *
 * <p>Thread-safety: the sending methods are serialised by a {@link ReentrantLock} (uncontended in
 * the normal case: only the handler sends); {@code request} and {@code isReady} pass through.
 */
final class GuardedServerCall<ReqT, RespT>
    extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {
  private final ReentrantLock lock = new ReentrantLock();
  private final @Nullable Runnable afterClose;
  private volatile boolean closed;
  private volatile boolean forced;

  GuardedServerCall(ServerCall<ReqT, RespT> delegate, @Nullable Runnable afterClose) {
    super(delegate);
    this.afterClose = afterClose;
  }

  /**
   * Closes the call with {@code status} unless it is closed already.
   *
   * @return whether this closed it
   */
  boolean closeIfOpen(Status status, Metadata trailers) {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      closed = true;
      forced = true;
      super.close(status, trailers);
    } finally {
      lock.unlock();
    }
    runAfterClose();
    return true;
  }

  @Override
  public void close(Status status, Metadata trailers) {
    lock.lock();
    try {
      if (forced) {
        return;
      }
      closed = true;
      super.close(status, trailers);
    } finally {
      lock.unlock();
    }
    runAfterClose();
  }

  @Override
  public void sendHeaders(Metadata headers) {
    lock.lock();
    try {
      if (!forced) {
        super.sendHeaders(headers);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void sendMessage(RespT message) {
    lock.lock();
    try {
      if (!forced) {
        super.sendMessage(message);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void setMessageCompression(boolean enabled) {
    lock.lock();
    try {
      if (!forced) {
        super.setMessageCompression(enabled);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void setCompression(String compressor) {
    lock.lock();
    try {
      if (!forced) {
        super.setCompression(compressor);
      }
    } finally {
      lock.unlock();
    }
  }

  /** True once an interceptor closed the call for the handler, so the handler can stop early. */
  @Override
  public boolean isCancelled() {
    return forced || super.isCancelled();
  }

  private void runAfterClose() {
    Runnable hook = afterClose;
    if (hook != null) {
      hook.run();
    }
  }
}
