package io.github.zero4j.rpc.resolver;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a set of {@code host:port} endpoints into resolution results for a channel: keeps a stable
 * subset of {@value Subset#DEFAULT_SIZE}, looks host names up off the channel's thread and delivers
 * each endpoint as one {@link EquivalentAddressGroup} (all addresses of its host).
 *
 * <p>Confined to the channel's {@link SynchronizationContext}: every method must be called in it;
 * lookups run on {@code blocking} and their results come back through it, the stale ones (a newer
 * set was published meanwhile) dropped.
 */
final class AddressPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(AddressPublisher.class);

  private final String target;
  private final NameResolver.Listener2 listener;
  private final SynchronizationContext sync;
  private final Executor blocking;
  private final long seed;
  private long sequence;
  private @Nullable List<HostAndPort> requested;
  private boolean delivered;
  private boolean closed;

  AddressPublisher(
      String target,
      NameResolver.Listener2 listener,
      SynchronizationContext sync,
      Executor blocking,
      long seed) {
    this.target = target;
    this.listener = listener;
    this.sync = sync;
    this.blocking = blocking;
    this.seed = seed;
  }

  /** Whether a result has reached the listener yet. */
  boolean delivered() {
    return delivered;
  }

  /**
   * Publishes the endpoints (values that are not {@code host:port} are logged and skipped); does
   * nothing when this client's subset is unchanged, unless {@code force} (re-resolve host names).
   */
  void publish(Collection<String> values, boolean force) {
    sync.throwIfNotInThisSynchronizationContext();
    List<HostAndPort> endpoints = new ArrayList<>(values.size());
    for (String value : values) {
      try {
        endpoints.add(HostAndPort.parse(value, target + " endpoint"));
      } catch (IllegalArgumentException e) {
        LOG.warn("{}: skipping {}", target, e.getMessage());
      }
    }
    List<HostAndPort> subset = Subset.of(endpoints, Subset.DEFAULT_SIZE, seed);
    if (!force && subset.equals(requested)) {
      return;
    }
    requested = subset;
    long current = ++sequence;
    blocking.execute(() -> resolve(current, subset));
  }

  /** Reports {@code status} to the channel if it has never had a result (else keeps the last). */
  void failed(Status status) {
    sync.throwIfNotInThisSynchronizationContext();
    if (!delivered && !closed) {
      listener.onError(status);
    }
  }

  void close() {
    closed = true;
  }

  private void resolve(long current, List<HostAndPort> endpoints) {
    List<EquivalentAddressGroup> groups = new ArrayList<>(endpoints.size());
    UnknownHostException failure = null;
    for (HostAndPort endpoint : endpoints) {
      try {
        InetAddress[] addresses = InetAddress.getAllByName(endpoint.host());
        List<SocketAddress> sockets = new ArrayList<>(addresses.length);
        for (InetAddress address : addresses) {
          sockets.add(new InetSocketAddress(address, endpoint.port()));
        }
        groups.add(new EquivalentAddressGroup(sockets));
      } catch (UnknownHostException e) {
        LOG.warn("{}: cannot resolve {}: {}", target, endpoint, e.getMessage());
        failure = e;
      }
    }
    UnknownHostException cause = groups.isEmpty() ? failure : null;
    sync.execute(() -> deliver(current, groups, cause));
  }

  private void deliver(
      long current, List<EquivalentAddressGroup> groups, @Nullable UnknownHostException cause) {
    if (closed || current != sequence) {
      return;
    }
    if (cause != null) {
      failed(
          Status.UNAVAILABLE
              .withDescription(target + ": no endpoint could be resolved")
              .withCause(cause));
      return;
    }
    delivered = true;
    listener.onResult2(NameResolver.ResolutionResult.newBuilder().setAddresses(groups).build());
  }
}
