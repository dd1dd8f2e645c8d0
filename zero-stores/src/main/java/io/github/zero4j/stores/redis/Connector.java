package io.github.zero4j.stores.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/*
 * Owns the Lettuce client, its resources and the one connection every command shares.
 *
 * The connection is made lazily and at most once at a time: connect() returns the established
 * connection, or the pending attempt, or starts one (a CAS on `pending` elects the starter). A
 * failed attempt clears `pending`, so the next command tries again; once established, Lettuce's
 * watchdog reconnects by itself (exponential pauses capped at maxReconnectDelay) and the
 * connection object stays the same. While it is disconnected, commands are rejected at once
 * (DisconnectedBehavior.REJECT_COMMANDS) instead of queueing until they time out, so the breaker
 * and the limiters' fallbacks see the outage immediately.
 */
final class Connector implements AutoCloseable {
  /** Redis' default port, used when a host has none. */
  static final int DEFAULT_PORT = 6379;

  /** Upper bound on shutting down Lettuce's threads in close(). */
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 2;

  private final AbstractRedisClient client;
  private final ClientResources resources;
  private final Supplier<CompletableFuture<Connected>> opener;
  private final Duration timeout;
  private final AtomicReference<@Nullable CompletableFuture<Connected>> pending =
      new AtomicReference<>();
  private volatile @Nullable Connected connected;
  private volatile boolean closed;

  /** The shared connection and its two command views. */
  record Connected(
      StatefulConnection<String, String> connection,
      RedisClusterAsyncCommands<String, String> async,
      RedisClusterCommands<String, String> sync) {}

  private Connector(
      AbstractRedisClient client,
      ClientResources resources,
      Supplier<CompletableFuture<Connected>> opener,
      Duration timeout) {
    this.client = client;
    this.timeout = timeout;
    this.resources = resources;
    this.opener = opener;
  }

  static Connector create(RedisConf conf, Duration timeout, Duration maxReconnectDelay) {
    ClientResources resources =
        DefaultClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(1), maxReconnectDelay, 2, TimeUnit.MILLISECONDS))
            .build();
    List<RedisURI> uris = new ArrayList<>();
    for (String host : hosts(conf.host())) {
      uris.add(uri(conf, host, timeout));
    }
    SocketOptions socket = SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build();
    TimeoutOptions timeouts = TimeoutOptions.enabled(timeout);
    MaintNotificationsConfig maint =
        conf.maintNotifications()
            ? MaintNotificationsConfig.enabled()
            : MaintNotificationsConfig.disabled();
    if (conf.isCluster()) {
      RedisClusterClient cluster = RedisClusterClient.create(resources, uris);
      ClusterClientOptions.Builder options =
          ClusterClientOptions.builder()
              .autoReconnect(true)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .socketOptions(socket)
              .timeoutOptions(timeouts)
              .topologyRefreshOptions(
                  ClusterTopologyRefreshOptions.builder()
                      .enableAllAdaptiveRefreshTriggers()
                      .build());
      options.maintNotificationsConfig(maint);
      if (conf.protocol() == 2) {
        options.protocolVersion(ProtocolVersion.RESP2);
      }
      cluster.setOptions(options.build());
      return new Connector(
          cluster,
          resources,
          () ->
              cluster
                  .refreshPartitionsAsync()
                  .toCompletableFuture()
                  .thenCompose(loaded -> cluster.connectAsync(StringCodec.UTF8))
                  .thenCompose(Connector::warmUpNodes)
                  .thenApply(Connector::clusterConnected),
          timeout);
    }
    RedisURI uri = uris.get(0);
    RedisClient node = RedisClient.create(resources, uri);
    ClientOptions.Builder options =
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(socket)
            .timeoutOptions(timeouts)
            .maintNotificationsConfig(maint);
    if (conf.protocol() == 2) {
      options.protocolVersion(ProtocolVersion.RESP2);
    }
    node.setOptions(options.build());
    return new Connector(
        node,
        resources,
        () ->
            node.connectAsync(StringCodec.UTF8, uri)
                .toCompletableFuture()
                .thenApply(Connector::nodeConnected),
        timeout);
  }

  /** The commands of the established connection, or null if there is none yet. */
  @Nullable RedisClusterAsyncCommands<String, String> asyncNow() {
    Connected c = connected;
    return c == null ? null : c.async();
  }

  /** The established connection, the pending attempt, or a new attempt. */
  CompletableFuture<Connected> connect() {
    while (true) {
      Connected c = connected;
      if (c != null) {
        return CompletableFuture.completedFuture(c);
      }
      if (closed) {
        return CompletableFuture.failedFuture(closedException());
      }
      CompletableFuture<Connected> attempt = pending.get();
      if (attempt != null) {
        return attempt;
      }
      CompletableFuture<Connected> mine = new CompletableFuture<>();
      if (pending.compareAndSet(null, mine)) {
        start(mine);
        return mine;
      }
    }
  }

  private void start(CompletableFuture<Connected> mine) {
    CompletableFuture<Connected> opening;
    try {
      opening = opener.get();
    } catch (RuntimeException e) {
      opening = CompletableFuture.failedFuture(e);
    }
    opening.whenComplete(
        (conn, error) -> {
          if (error != null) {
            pending.set(null);
            mine.completeExceptionally(error);
            return;
          }
          whenOpen(conn, mine, System.nanoTime() + timeout.toNanos());
        });
  }

  /*
   * Lettuce completes the connect future from its handshake callback, a moment before the
   * connection is marked active; a command sent in between is rejected (REJECT_COMMANDS). So the
   * connection is published only once isOpen() says so, re-checking every millisecond on Lettuce's
   * event executors, up to the connect timeout.
   */
  private void whenOpen(Connected conn, CompletableFuture<Connected> mine, long deadlineNanos) {
    if (closed) {
      pending.set(null);
      conn.connection().closeAsync();
      mine.completeExceptionally(closedException());
      return;
    }
    if (conn.connection().isOpen()) {
      connected = conn;
      pending.set(null);
      mine.complete(conn);
      return;
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      pending.set(null);
      conn.connection().closeAsync();
      mine.completeExceptionally(
          new RedisException("connect", "connection did not become active in " + timeout, null));
      return;
    }
    resources
        .eventExecutorGroup()
        .schedule(() -> whenOpen(conn, mine, deadlineNanos), 1, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Connected c = connected;
    if (c != null) {
      c.connection().close();
    }
    client.shutdown(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    resources.shutdown(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  boolean isClosed() {
    return closed;
  }

  private static RedisException closedException() {
    return new RedisException("connect", "client is closed", null);
  }

  /**
   * Opens the connection to every primary before the first command: Lettuce opens node connections
   * lazily and, with REJECT_COMMANDS, rejects a command that would wait for one.
   */
  private static CompletableFuture<StatefulRedisClusterConnection<String, String>> warmUpNodes(
      StatefulRedisClusterConnection<String, String> c) {
    List<CompletableFuture<?>> nodes = new ArrayList<>();
    for (RedisClusterNode node : c.getPartitions()) {
      if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
        nodes.add(c.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort()));
      }
    }
    return CompletableFuture.allOf(nodes.toArray(new CompletableFuture<?>[0])).thenApply(v -> c);
  }

  private static Connected nodeConnected(StatefulRedisConnection<String, String> c) {
    return new Connected(c, c.async(), c.sync());
  }

  private static Connected clusterConnected(StatefulRedisClusterConnection<String, String> c) {
    return new Connected(c, c.async(), c.sync());
  }

  /** {@code Host} split on commas, trimmed, de-duplicated, in order (go-zero's cluster rule). */
  static List<String> hosts(String host) {
    Set<String> hosts = new LinkedHashSet<>();
    for (String h : host.split(",", -1)) {
      String trimmed = h.trim();
      if (!trimmed.isEmpty()) {
        hosts.add(trimmed);
      }
    }
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("empty redis host");
    }
    return List.copyOf(hosts);
  }

  /** Splits {@code host:port}, {@code [v6]:port} or a bare host (port 6379). */
  static HostAndPort parse(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("host: \"" + host + "\" (expected: [address]:port)");
      }
      String address = host.substring(1, end);
      String rest = host.substring(end + 1);
      if (rest.isEmpty()) {
        return new HostAndPort(address, DEFAULT_PORT);
      }
      if (!rest.startsWith(":")) {
        throw new IllegalArgumentException("host: \"" + host + "\" (expected: [address]:port)");
      }
      return new HostAndPort(address, port(host, rest.substring(1)));
    }
    int colon = host.lastIndexOf(':');
    if (colon < 0) {
      return new HostAndPort(host, DEFAULT_PORT);
    }
    if (host.indexOf(':') != colon) {
      // a bare IPv6 address without brackets
      return new HostAndPort(host, DEFAULT_PORT);
    }
    return new HostAndPort(host.substring(0, colon), port(host, host.substring(colon + 1)));
  }

  private static int port(String host, String port) {
    try {
      int p = Integer.parseInt(port);
      if (p > 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "host: \"" + host + "\" (expected: host:port, port 1-65535)");
  }

  record HostAndPort(String host, int port) {}

  private static RedisURI uri(RedisConf conf, String host, Duration timeout) {
    HostAndPort hp = parse(host);
    RedisURI uri = RedisURI.create(hp.host(), hp.port());
    uri.setTimeout(timeout);
    if (!conf.user().isEmpty() || !conf.pass().isEmpty()) {
      uri.setCredentialsProvider(
          new StaticCredentialsProvider(
              conf.user().isEmpty() ? null : conf.user(), conf.pass().toCharArray()));
    }
    if (conf.tls()) {
      uri.setSsl(true);
      // go-zero dials TLS with InsecureSkipVerify.
      uri.setVerifyPeer(SslVerifyMode.NONE);
    }
    if (conf.disableIdentity()) {
      // Lettuce skips CLIENT SETINFO for an empty library name and version.
      uri.setLibraryName("");
      uri.setLibraryVersion("");
    }
    return uri;
  }
}
