package io.github.zero4j.rpc.interceptor;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** A server call that records what is sent and closed, and fails a second close as gRPC does. */
final class FakeServerCall extends ServerCall<String, String> {
  static final MethodDescriptor.Marshaller<String> NO_WIRE =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
          return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public String parse(InputStream stream) {
          return "";
        }
      };

  static final MethodDescriptor<String, String> UNARY = method(MethodDescriptor.MethodType.UNARY);

  final List<String> sent = new CopyOnWriteArrayList<>();
  final List<Status> closes = new CopyOnWriteArrayList<>();
  final AtomicInteger concurrent = new AtomicInteger();
  volatile boolean overlapped;
  private final MethodDescriptor<String, String> method;
  private volatile @Nullable Status closed;

  FakeServerCall() {
    this(UNARY);
  }

  FakeServerCall(MethodDescriptor<String, String> method) {
    this.method = method;
  }

  static MethodDescriptor<String, String> method(MethodDescriptor.MethodType type) {
    return MethodDescriptor.<String, String>newBuilder()
        .setType(type)
        .setFullMethodName("zero4j.test.Fake/Call")
        .setRequestMarshaller(NO_WIRE)
        .setResponseMarshaller(NO_WIRE)
        .build();
  }

  private void enter() {
    if (concurrent.incrementAndGet() > 1) {
      overlapped = true;
    }
  }

  private void exit() {
    concurrent.decrementAndGet();
  }

  @Override
  public void request(int numMessages) {}

  @Override
  public void sendHeaders(Metadata headers) {}

  @Override
  public void sendMessage(String message) {
    enter();
    try {
      if (closed != null) {
        throw new IllegalStateException("call already closed");
      }
      sent.add(message);
    } finally {
      exit();
    }
  }

  @Override
  public void close(Status status, Metadata trailers) {
    enter();
    try {
      if (closed != null) {
        throw new IllegalStateException("call already closed");
      }
      closed = status;
      closes.add(status);
    } finally {
      exit();
    }
  }

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public Attributes getAttributes() {
    return Attributes.EMPTY;
  }

  @Override
  public MethodDescriptor<String, String> getMethodDescriptor() {
    return method;
  }
}
