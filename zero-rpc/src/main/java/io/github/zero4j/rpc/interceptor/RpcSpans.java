package io.github.zero4j.rpc.interceptor;

import io.grpc.Grpc;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;

/** Span attributes and events of go-zero's RPC tracing (OpenTelemetry semantic conventions). */
final class RpcSpans {
  static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
  static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
  static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
  static final AttributeKey<Long> RPC_STATUS = AttributeKey.longKey("rpc.grpc.status_code");
  static final AttributeKey<String> PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
  static final AttributeKey<Long> PEER_PORT = AttributeKey.longKey("network.peer.port");

  /** go-zero's message events: name "message", type SENT or RECEIVED, id counting from 1. */
  static final String MESSAGE_EVENT = "message";

  static final AttributeKey<String> MESSAGE_TYPE = AttributeKey.stringKey("message.type");
  static final AttributeKey<Long> MESSAGE_ID = AttributeKey.longKey("message.id");

  private RpcSpans() {}

  /** The RPC attributes of a span for {@code method} and, when known, its peer. */
  static void describe(
      Span span, MethodDescriptor<?, ?> method, io.grpc.@Nullable Attributes transport) {
    if (!span.isRecording()) {
      return;
    }
    span.setAttribute(RPC_SYSTEM, "grpc");
    String service = method.getServiceName();
    if (service != null) {
      span.setAttribute(RPC_SERVICE, service);
    }
    String bare = method.getBareMethodName();
    if (bare != null) {
      span.setAttribute(RPC_METHOD, bare);
    }
    if (transport != null) {
      SocketAddress remote = transport.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
      if (remote instanceof InetSocketAddress inet) {
        span.setAttribute(PEER_ADDRESS, inet.getHostString());
        span.setAttribute(PEER_PORT, (long) inet.getPort());
      }
    }
  }

  /** A message event, when the span records. */
  static void message(Span span, String type, long id) {
    if (span.isRecording()) {
      span.addEvent(MESSAGE_EVENT, Attributes.of(MESSAGE_TYPE, type, MESSAGE_ID, id));
    }
  }

  /** Sets the span's status from the call's and ends it. */
  static void end(Span span, Status status) {
    if (span.isRecording()) {
      span.setAttribute(RPC_STATUS, (long) status.getCode().value());
      if (!status.isOk()) {
        span.setStatus(StatusCode.ERROR, Statuses.describe(status));
      }
    }
    span.end();
  }
}
