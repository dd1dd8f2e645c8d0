package io.github.zero4j.rpc.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The address a server registers: go-zero's figureOutListenOn. A listen address whose host is empty
 * or a wildcard ({@code 0.0.0.0}, {@code ::}) is not reachable by clients, so its host is replaced
 * by {@code $POD_IP}, else by this machine's first non-loopback IPv4 address (go-zero's {@code
 * netx.InternalIp}), else by the loopback address (go-zero would register {@code :port}).
 */
final class ListenOn {
  /** The environment variable Kubernetes deployments set to the pod's address. */
  static final String POD_IP = "POD_IP";

  private ListenOn() {}

  /**
   * @throws IllegalArgumentException when {@code listenOn} is not {@code host:port}
   */
  static String figureOut(String listenOn, UnaryOperator<@Nullable String> env) {
    int colon = listenOn.lastIndexOf(':');
    if (colon < 0 || colon == listenOn.length() - 1) {
      throw new IllegalArgumentException(
          "listenOn: '" + listenOn + "' (expected: host:port, host may be empty or 0.0.0.0)");
    }
    String host = listenOn.substring(0, colon);
    String port = listenOn.substring(colon + 1);
    try {
      int number = Integer.parseInt(port);
      if (number < 1 || number > 65_535) {
        throw new NumberFormatException(port);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "listenOn: '" + listenOn + "' (expected: a port in 1-65535)", e);
    }
    if (!isWildcard(host)) {
      return listenOn;
    }
    String podIp = env.apply(POD_IP);
    String chosen = podIp != null && !podIp.isBlank() ? podIp.trim() : internalIp();
    return (chosen.indexOf(':') >= 0 ? "[" + chosen + "]" : chosen) + ":" + port;
  }

  private static boolean isWildcard(String host) {
    return host.isEmpty()
        || host.equals("0.0.0.0")
        || host.equals("::")
        || host.equals("[::]")
        || host.equals("*");
  }

  /** The first up, non-loopback interface's IPv4 address; else the loopback address. */
  static String internalIp() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
            return address.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // No interface list: fall through to loopback.
    }
    return InetAddress.getLoopbackAddress().getHostAddress();
  }
}
