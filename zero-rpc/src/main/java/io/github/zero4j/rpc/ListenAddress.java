package io.github.zero4j.rpc;

import java.net.InetSocketAddress;

/**
 * A parsed {@code ListenOn}: {@code host:port}, where the host may be empty, {@code 0.0.0.0},
 * {@code ::} or {@code [::]} (every interface), a name or a literal, and the port 0 (a free port).
 * Immutable.
 */
final class ListenAddress {
  private static final int MAX_PORT = 65_535;

  private final String host;
  private final int port;

  private ListenAddress(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /**
   * @throws IllegalArgumentException when {@code listenOn} is not {@code host:port}
   */
  static ListenAddress parse(String listenOn) {
    int colon = listenOn.lastIndexOf(':');
    if (colon < 0 || colon == listenOn.length() - 1) {
      throw invalid(listenOn, "host:port, host may be empty or 0.0.0.0");
    }
    String host = listenOn.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw invalid(listenOn, "an IPv6 host in brackets, [::1]:port");
    }
    int port;
    try {
      port = Integer.parseInt(listenOn.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw invalid(listenOn, "a port in 0-65535");
    }
    if (port < 0 || port > MAX_PORT) {
      throw invalid(listenOn, "a port in 0-65535");
    }
    return new ListenAddress(host, port);
  }

  private static IllegalArgumentException invalid(String listenOn, String expected) {
    return new IllegalArgumentException(
        "ListenOn: '" + listenOn + "' (expected: " + expected + ")");
  }

  /** Whether the host means every interface. */
  boolean isWildcard() {
    return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("*");
  }

  /** The address to bind; unresolved names are resolved here. */
  InetSocketAddress socketAddress() {
    return isWildcard() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  /** {@code ListenOn} with the port replaced by {@code actualPort}, for registration. */
  String withPort(int actualPort) {
    String shown = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return shown + ":" + actualPort;
  }
}
