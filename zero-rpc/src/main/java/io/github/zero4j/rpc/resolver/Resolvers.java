package io.github.zero4j.rpc.resolver;

import io.grpc.NameResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** Target parsing and executors shared by the resolvers of this package. */
final class Resolvers {
  private Resolvers() {}

  /**
   * Where host-name lookups run: the channel's offload executor (grpc-java always provides one);
   * without it, inline (a lookup of an IP literal never blocks).
   */
  static Executor blockingExecutor(NameResolver.Args args) {
    Executor offload = args.getOffloadExecutor();
    return offload != null ? offload : Runnable::run;
  }

  /**
   * Splits a comma-separated endpoint list, checking each is {@code host:port}.
   *
   * @throws IllegalArgumentException naming the target when the list is empty or an entry is bad
   */
  static List<String> endpoints(String list, String target, String expected) {
    List<String> endpoints = new ArrayList<>();
    for (String part : list.split(",", -1)) {
      String trimmed = part.trim();
      if (trimmed.isEmpty()) {
        throw new IllegalArgumentException(
            "target: '" + target + "' has an empty endpoint (expected: " + expected + ")");
      }
      endpoints.add(HostAndPort.parse(trimmed, "target '" + target + "'").toString());
    }
    return endpoints;
  }
}
