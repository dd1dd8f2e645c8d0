package io.github.zero4j.rpc.resolver;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A {@code host:port} endpoint as go-zero writes them ({@code [v6]:port} for IPv6). Immutable. */
final class HostAndPort implements Comparable<HostAndPort> {
  private static final int MAX_PORT = 65_535;

  private final String host;
  private final int port;

  private HostAndPort(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /**
   * Parses {@code host:port} or {@code [v6-address]:port}.
   *
   * @throws IllegalArgumentException naming {@code what} and the text when it is not one
   */
  static HostAndPort parse(String text, String what) {
    String trimmed = text.trim();
    String host;
    String port;
    if (trimmed.startsWith("[")) {
      int close = trimmed.indexOf(']');
      if (close < 0 || close + 1 >= trimmed.length() || trimmed.charAt(close + 1) != ':') {
        throw invalid(what, text);
      }
      host = trimmed.substring(1, close);
      port = trimmed.substring(close + 2);
    } else {
      int colon = trimmed.lastIndexOf(':');
      if (colon < 0 || trimmed.indexOf(':') != colon) {
        throw invalid(what, text);
      }
      host = trimmed.substring(0, colon);
      port = trimmed.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw invalid(what, text);
    }
    try {
      int number = Integer.parseInt(port);
      if (number < 1 || number > MAX_PORT) {
        throw invalid(what, text);
      }
      return new HostAndPort(host, number);
    } catch (NumberFormatException e) {
      throw invalid(what, text);
    }
  }

  private static IllegalArgumentException invalid(String what, String text) {
    return new IllegalArgumentException(
        what + ": '" + text + "' (expected: host:port or [ipv6]:port, port 1-65535)");
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  @Override
  public int compareTo(HostAndPort other) {
    int byHost = host.compareTo(other.host);
    return byHost != 0 ? byHost : Integer.compare(port, other.port);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof HostAndPort
        && ((HostAndPort) o).host.equals(host)
        && ((HostAndPort) o).port == port;
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port);
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
