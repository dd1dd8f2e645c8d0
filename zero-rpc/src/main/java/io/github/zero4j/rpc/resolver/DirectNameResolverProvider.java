package io.github.zero4j.rpc.resolver;

import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Resolves go-zero's direct targets, {@code direct:///host1:port1,host2:port2} (what go-zero builds
 * from {@code Endpoints}). The authority part is ignored, as in go-zero. Each endpoint becomes one
 * balancer endpoint holding every address of its host; a client keeps a stable random subset of 32
 * endpoints. Host names are looked up again when the channel asks for a refresh.
 *
 * <p>Registered through {@code META-INF/services/io.grpc.NameResolverProvider}:
 *
 * <pre>{@code
 * ManagedChannelBuilder.forTarget("direct:///10.0.0.1:8080,10.0.0.2:8080")
 *     .defaultLoadBalancingPolicy("p2c_ewma").usePlaintext().build();
 * }</pre>
 *
 * <p>A malformed target fails {@code build()} with an {@link IllegalArgumentException} that names
 * it. Thread-safe.
 */
public final class DirectNameResolverProvider extends NameResolverProvider {
  /** The target scheme. */
  public static final String SCHEME = "direct";

  private static final String EXPECTED = "direct:///host:port[,host:port...]";

  /**
   * Below DnsNameResolverProvider's 5: the registry makes the highest-priority scheme the default
   * for targets written without one, and that must stay {@code dns}.
   */
  private static final int PRIORITY = 4;

  /** Called by {@link java.util.ServiceLoader}. */
  public DirectNameResolverProvider() {}

  @Override
  public @Nullable NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
    if (!SCHEME.equals(targetUri.getScheme())) {
      return null;
    }
    String target = targetUri.toString();
    String path = targetUri.getPath();
    if (path == null || path.length() <= 1 || path.charAt(0) != '/') {
      throw new IllegalArgumentException(
          "target: '" + target + "' has no endpoints (expected: " + EXPECTED + ")");
    }
    List<String> endpoints = Resolvers.endpoints(path.substring(1), target, EXPECTED);
    return new DirectNameResolver(target, endpoints, args);
  }

  @Override
  public String getDefaultScheme() {
    return SCHEME;
  }

  @Override
  protected boolean isAvailable() {
    return true;
  }

  @Override
  protected int priority() {
    return PRIORITY;
  }

  @Override
  public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
    return List.of(InetSocketAddress.class);
  }
}
