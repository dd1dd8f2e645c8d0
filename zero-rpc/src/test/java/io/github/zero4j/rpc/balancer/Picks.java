package io.github.zero4j.rpc.balancer;

import io.grpc.CallOptions;
import io.grpc.ClientStreamTracer;
import io.grpc.LoadBalancer;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Pick arguments and stream completion, as a channel would drive them. */
public final class Picks {
  public static final MethodDescriptor.Marshaller<String> STRINGS =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
          return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      };

  static final MethodDescriptor<String, String> METHOD =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("zero4j.test.Echo/Call")
          .setRequestMarshaller(STRINGS)
          .setResponseMarshaller(STRINGS)
          .build();

  static final LoadBalancer.PickSubchannelArgs ARGS =
      new LoadBalancer.PickSubchannelArgs() {
        @Override
        public CallOptions getCallOptions() {
          return CallOptions.DEFAULT;
        }

        @Override
        public Metadata getHeaders() {
          return new Metadata();
        }

        @Override
        public MethodDescriptor<?, ?> getMethodDescriptor() {
          return METHOD;
        }
      };

  private Picks() {}

  /** Creates the stream the channel would create for {@code result}; returns its tracer. */
  static ClientStreamTracer open(LoadBalancer.PickResult result) {
    ClientStreamTracer.Factory factory = result.getStreamTracerFactory();
    if (factory == null) {
      throw new AssertionError("no tracer factory on " + result);
    }
    return factory.newClientStreamTracer(
        ClientStreamTracer.StreamInfo.newBuilder().setCallOptions(CallOptions.DEFAULT).build(),
        new Metadata());
  }

  static void close(ClientStreamTracer tracer, Status status) {
    tracer.streamClosed(status);
  }
}
