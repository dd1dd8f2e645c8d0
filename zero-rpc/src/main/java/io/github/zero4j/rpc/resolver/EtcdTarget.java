package io.github.zero4j.rpc.resolver;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An etcd target: the etcd endpoints and the service key. go-zero's shapes:
 *
 * <ul>
 *   <li>{@code etcd:///h1:2379,h2:2379?key=user.rpc} — hosts in the path, the key (URL-encoded) in
 *       the query; what go-zero builds from {@code Etcd.Hosts} and {@code Etcd.Key} since Go 1.26
 *       rejected commas in a URI authority;
 *   <li>{@code etcd://h1:2379,h2:2379/user.rpc} — the legacy shape: hosts in the authority, the key
 *       in the path.
 * </ul>
 *
 * With {@code ?key=} present and an empty path, the hosts are taken from the authority. Hosts are
 * {@code host:port} ({@code %5B::1%5D:2379} for an IPv6 literal: {@code java.net.URI} rejects
 * brackets in a path); {@code http://} is added for the etcd client. Immutable.
 */
final class EtcdTarget {
  static final String EXPECTED = "etcd:///host:port[,host:port...]?key=K or etcd://host:port/K";

  private final List<String> hosts;
  private final String key;

  private EtcdTarget(List<String> hosts, String key) {
    this.hosts = hosts;
    this.key = key;
  }

  /**
   * @throws IllegalArgumentException naming the target when it has no hosts, no key or a query
   *     parameter other than {@code key}
   */
  static EtcdTarget parse(URI uri) {
    String target = uri.toString();
    String keyParam = keyParameter(uri.getRawQuery(), target);
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    String authority = uri.getAuthority() == null ? "" : uri.getAuthority();
    String hosts;
    String key;
    if (keyParam != null) {
      hosts = path.isEmpty() ? authority : path;
      key = keyParam;
    } else if (authority.isEmpty()) {
      throw new IllegalArgumentException(
          "target: '" + target + "' has no key (expected: " + EXPECTED + ")");
    } else {
      hosts = authority;
      key = path;
    }
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(
          "target: '" + target + "' has no etcd hosts (expected: " + EXPECTED + ")");
    }
    if (key.isEmpty()) {
      throw new IllegalArgumentException(
          "target: '" + target + "' has no key (expected: " + EXPECTED + ")");
    }
    return new EtcdTarget(Resolvers.endpoints(hosts, target, EXPECTED), key);
  }

  private static @Nullable String keyParameter(@Nullable String rawQuery, String target) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    String key = null;
    for (String pair : rawQuery.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (!name.equals("key") || eq < 0) {
        throw new IllegalArgumentException(
            "target: '" + target + "' has query '" + pair + "' (expected: key=K only)");
      }
      key = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
    }
    return key;
  }

  /** The etcd endpoints, {@code host:port}. */
  List<String> hosts() {
    return hosts;
  }

  /** The service key; servers register under {@code key + "/"}. */
  String key() {
    return key;
  }

  /**
   * The channel's default authority: the key with every character outside {@code [A-Za-z0-9.-_~]}
   * replaced by {@code _}, so a key like {@code mall/user.rpc} still makes a valid {@code
   * :authority}.
   */
  String authority() {
    StringBuilder authority = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-'
              || c == '_'
              || c == '~';
      authority.append(unreserved ? c : '_');
    }
    return authority.toString();
  }
}
