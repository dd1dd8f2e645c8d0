package io.github.zero4j.rpc.resolver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/*
 * go-zero's resolvers shuffle the endpoints and keep 32 of them per client (subset size 32), so a
 * fleet of hundreds of servers is not dialled by every client. A fresh shuffle on every update
 * (go-zero's) replaces most of the subset whenever one server joins or leaves, and the client
 * reconnects to a new random 32. Here the subset is chosen by rendezvous hashing: each client
 * draws one random seed, ranks every endpoint by a 64-bit hash of (seed, endpoint) and keeps the
 * 32 lowest. Across clients the choice is as random as a shuffle; for one client an update moves
 * at most the endpoints that joined or left (plus one displaced by a joiner), so connections and
 * the balancer's learned statistics stay put.
 */

/** Stable per-client endpoint subsets. Stateless; thread-safe. */
final class Subset {
  /** Endpoints kept per client (go-zero's subsetSize). */
  static final int DEFAULT_SIZE = 32;

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Subset() {}

  /** The (at most) {@code size} endpoints this client keeps, in ascending order. */
  static List<HostAndPort> of(Collection<HostAndPort> endpoints, int size, long seed) {
    List<HostAndPort> all = new ArrayList<>(endpoints);
    if (all.size() > size) {
      all.sort(Comparator.comparingLong(endpoint -> rank(seed, endpoint)));
      all = new ArrayList<>(all.subList(0, size));
    }
    all.sort(Comparator.naturalOrder());
    return all;
  }

  /** FNV-1a over the endpoint's text, seeded, then MurmurHash3's 64-bit finaliser. */
  static long rank(long seed, HostAndPort endpoint) {
    long h = FNV_OFFSET ^ seed;
    for (byte b : endpoint.toString().getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
