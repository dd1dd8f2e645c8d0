package io.github.zero4j.examples.mall.rpc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.examples.mall.common.BizException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.util.Optional;

/**
 * Blocking unary calls over a channel (an {@code RpcClient.channel()}, so every call goes through
 * zero-rpc's client interceptors and the balancer). The deadline is the current gRPC context's,
 * narrowed by the client timeout; a status carrying a business code is rethrown as that {@link
 * BizException}, any other as the {@link StatusRuntimeException} it is.
 */
public final class UnaryClient {
  private final Channel channel;

  private UnaryClient(Channel channel) {
    this.channel = channel;
  }

  /** Calls over {@code channel}. */
  public static UnaryClient of(Channel channel) {
    return new UnaryClient(requireNonNull(channel, "channel"));
  }

  /** Calls {@code method} with {@code request} and waits for the answer. */
  public <Q, R> R call(MethodDescriptor<Q, R> method, Q request) {
    try {
      return ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT, request);
    } catch (StatusRuntimeException e) {
      Optional<BizException> biz = RpcErrors.toBiz(e);
      if (biz.isPresent()) {
        throw biz.get();
      }
      throw e;
    }
  }
}
