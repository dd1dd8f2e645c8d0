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
 * Resolves go-zero's etcd targets: {@code etcd:///h1:2379,h2:2379?key=user.rpc} (go-zero's current
 * shape, what it builds from {@code Etcd.Hosts} and {@code Etcd.Key}) and the legacy {@code
 * etcd://h1:2379,h2:2379/user.rpc}.
 *
 * <p>The resolver reads every {@code <key>/*} entry (go-zero's layout: {@code <key>/<leaseID>} ->
 * {@code host:port}, written by {@link io.github.zero4j.rpc.discovery.EtcdRegistrar} or by a Go
 * service), publishes the distinct values, then watches the prefix and republishes on every change.
 * After an etcd failure, restart or compaction it reads the prefix again and re-watches, with
 * backoff from 500 ms to 5 s, keeping the last known endpoints meanwhile. A client keeps a stable
 * random subset of 32 endpoints. The channel's default authority is the key.
 *
 * <pre>{@code
 * ManagedChannelBuilder.forTarget("etcd:///127.0.0.1:2379?key=user.rpc")
 *     .defaultLoadBalancingPolicy("p2c_ewma").usePlaintext().build();
 * }</pre>
 *
 * <p>Registered through {@code META-INF/services/io.grpc.NameResolverProvider}. A malformed target
 * fails {@code build()} with an {@link IllegalArgumentException} that names it. Thread-safe.
 */
public final class EtcdNameResolverProvider extends NameResolverProvider {
  /** The target scheme. */
  public static final String SCHEME = "etcd";

  /** Below DnsNameResolverProvider's 5, so targets without a scheme stay {@code dns}. */
  private static final int PRIORITY = 4;

  /** Called by {@link java.util.ServiceLoader}. */
  public EtcdNameResolverProvider() {}

  @Override
  public @Nullable NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
    if (!SCHEME.equals(targetUri.getScheme())) {
      return null;
    }
    return new EtcdNameResolver(targetUri.toString(), EtcdTarget.parse(targetUri), args);
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
