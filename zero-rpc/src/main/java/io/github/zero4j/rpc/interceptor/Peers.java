package io.github.zero4j.rpc.interceptor;

import io.grpc.Grpc;
import io.grpc.ServerCall;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The remote address of a server call, as go-zero logs it. */
final class Peers {
  private Peers() {}

  /** {@code host:port} of the client, or {@code "unknown"}. */
  static String of(ServerCall<?, ?> call) {
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    if (remote instanceof InetSocketAddress inet) {
      return inet.getHostString() + ":" + inet.getPort();
    }
    return remote == null ? "unknown" : remote.toString();
  }
}
