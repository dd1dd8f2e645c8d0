package io.github.zero4j.rpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A test service {@value #NAME} of unary String methods, defined with grpc-java's generic
 * descriptors (no protoc). Each method runs a {@code Function<String, String>} on the server's
 * executor; what it throws ends the call (a {@code StatusRuntimeException} with its status).
 */
final class TestService {
  static final String NAME = "zero4j.test.Svc";

  static final MethodDescriptor.Marshaller<String> STRINGS =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
          return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private final Map<String, ServerCalls.UnaryMethod<String, String>> methods =
      new LinkedHashMap<>();

  static TestService create() {
    return new TestService();
  }

  static MethodDescriptor<String, String> method(String name) {
    return MethodDescriptor.<String, String>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(NAME, name))
        .setRequestMarshaller(STRINGS)
        .setResponseMarshaller(STRINGS)
        .build();
  }

  /** {@code /zero4j.test.Svc/<name>}, go-zero's full-method form. */
  static String fullMethod(String name) {
    return "/" + NAME + "/" + name;
  }

  /** A method answering {@code handler(request)}; what it throws ends the call. */
  TestService unary(String name, Function<String, String> handler) {
    methods.put(
        name,
        (request, responses) -> {
          String reply = handler.apply(request);
          responses.onNext(reply);
          responses.onCompleted();
        });
    return this;
  }

  /** A method written against grpc-java's stub API directly. */
  TestService raw(String name, ServerCalls.UnaryMethod<String, String> handler) {
    methods.put(name, handler);
    return this;
  }

  ServerServiceDefinition definition() {
    ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(NAME);
    methods.forEach(
        (name, handler) -> builder.addMethod(method(name), ServerCalls.asyncUnaryCall(handler)));
    return builder.build();
  }

  /** A blocking call with the caller's context deadline (if any) and no deadline of its own. */
  static String call(Channel channel, String method, String request) {
    return ClientCalls.blockingUnaryCall(channel, method(method), CallOptions.DEFAULT, request);
  }
}
