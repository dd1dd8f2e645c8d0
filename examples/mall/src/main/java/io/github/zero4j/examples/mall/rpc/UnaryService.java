package io.github.zero4j.examples.mall.rpc;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
import io.github.zero4j.examples.mall.common.BizException;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;

/**
 * A gRPC service of unary methods over protoc-generated messages, bound without generated stubs:
 *
 * <pre>{@code
 * MethodDescriptor<GetUserReq, GetUserResp> GET_USER =
 *     UnaryService.method("mall.user.UserService", "GetUser", GetUserReq.getDefaultInstance(),
 *         GetUserResp.getDefaultInstance());
 * ServerServiceDefinition users =
 *     UnaryService.builder("mall.user.UserService").method(GET_USER, this::getUser).build();
 * }</pre>
 *
 * A method that throws {@link BizException} answers {@link RpcErrors#toStatus}; any other exception
 * propagates to the server's recover interceptor (INTERNAL, logged with its stack).
 */
public final class UnaryService {
  private final ServerServiceDefinition.Builder definition;

  private UnaryService(String serviceName) {
    this.definition = ServerServiceDefinition.builder(serviceName);
  }

  /** A unary method {@code serviceName/methodName} with protobuf marshallers. */
  public static <Q extends Message, R extends Message> MethodDescriptor<Q, R> method(
      String serviceName, String methodName, Q requestPrototype, R responsePrototype) {
    return MethodDescriptor.<Q, R>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(serviceName, methodName))
        .setRequestMarshaller(ProtoUtils.marshaller(requestPrototype))
        .setResponseMarshaller(ProtoUtils.marshaller(responsePrototype))
        .setSampledToLocalTracing(true)
        .build();
  }

  /** A service named {@code serviceName} (the proto's {@code package.Service}). */
  public static UnaryService builder(String serviceName) {
    return new UnaryService(requireNonNull(serviceName, "serviceName"));
  }

  /** Serves {@code method} with {@code implementation}, which runs on the server's worker. */
  public <Q, R> UnaryService method(
      MethodDescriptor<Q, R> method, Function<? super Q, ? extends R> implementation) {
    requireNonNull(implementation, "implementation");
    definition.addMethod(
        method,
        ServerCalls.asyncUnaryCall(
            (Q request, StreamObserver<R> response) -> {
              R result;
              try {
                result = implementation.apply(request);
              } catch (BizException e) {
                response.onError(RpcErrors.toStatus(e));
                return;
              }
              response.onNext(result);
              response.onCompleted();
            }));
    return this;
  }

  /** The definition to hand to {@code RpcServer.builder(conf).addService(...)}. */
  public ServerServiceDefinition build() {
    return definition.build();
  }
}
