package io.github.zero4j.rpc.resolver;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import io.grpc.SynchronizationContext.ScheduledHandle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * go-zero's etcd subscriber [1] as a grpc-java NameResolver.
 *
 * Layout: servers register `<key>/<leaseID>` -> `host:port` (see discovery.EtcdRegistrar). The
 * resolver lists the prefix `<key>/` with one range read, publishes the distinct values, then
 * watches the prefix from the listed revision + 1, so no change between the read and the watch is
 * missed. Each PUT or DELETE updates the key -> value map and republishes (several keys may carry
 * the same value: a value disappears only with its last key, go-zero's non-exclusive container).
 *
 * Failures. Any failed read (3 s timeout, go-zero's etcd request timeout), any watch error
 * (compaction of the watched revision, lost connection, etcd restart) and any end of the watch
 * stream lead to the same recovery: drop the watch, wait, read the prefix again and watch from the
 * new revision. The wait starts at 500 ms (jetcd's own watch-resume delay), doubles to at most
 * 5 s (half a registration lease, so a restarted etcd is read again well before registrations that
 * could not be renewed during the outage expire) and has ±20 % jitter so a fleet of clients does
 * not reconnect in step. The re-read replaces the whole map, so deletions missed while
 * disconnected are applied. Until the first successful read the channel is told UNAVAILABLE; after
 * it, the last known endpoints are kept through outages (servers do not go away because etcd did).
 * jetcd's watcher resumes by itself after some errors; it is closed here instead, so there is one
 * recovery path and one source of truth.
 *
 * Threading. All state is confined to the channel's SynchronizationContext; jetcd callbacks hop
 * onto it. A generation number tags each read and watch, so callbacks from a superseded one (or
 * after shutdown) are ignored. jetcd runs its callbacks on a cached pool of daemon threads named
 * zero4j-rpc-etcd-resolver-N, shut down with the resolver (jetcd's own Vert.x threads keep their
 * names).
 *
 * [1] github.com/zeromicro/go-zero core/discov/subscriber.go, core/discov/internal/registry.go
 */

/** Resolves {@code etcd:} targets by reading and watching a key prefix. See the block comment. */
final class EtcdNameResolver extends NameResolver {
  /** Timeout of the prefix read (go-zero's etcd request timeout). */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

  /** Timeout for connecting to an etcd endpoint (go-zero's dial timeout). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** First retry delay after a failure (jetcd's watch-resume delay). */
  static final long RETRY_INITIAL_MILLIS = 500;

  /** Longest retry delay: half of the 10 s registration lease. */
  static final long RETRY_MAX_MILLIS = 5_000;

  /** Relative jitter applied to each retry delay. */
  static final double RETRY_JITTER = 0.2;

  private static final Logger LOG = LoggerFactory.getLogger(EtcdNameResolver.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final String target;
  private final EtcdTarget etcd;
  private final ByteSequence prefix;
  private final SynchronizationContext sync;
  private final ScheduledExecutorService scheduler;
  private final Executor blocking;
  private final Map<String, String> entries = new HashMap<>();
  private @Nullable AddressPublisher publisher;
  private @Nullable ExecutorService callbacks;
  private @Nullable Client client;
  private Watch.@Nullable Watcher watcher;
  private @Nullable ScheduledHandle retry;
  private long retryMillis = RETRY_INITIAL_MILLIS;
  private int generation;
  private boolean shutdown;

  EtcdNameResolver(String target, EtcdTarget etcd, Args args) {
    this.target = target;
    this.etcd = etcd;
    this.prefix = ByteSequence.from(etcd.key() + "/", StandardCharsets.UTF_8);
    this.sync = args.getSynchronizationContext();
    this.scheduler = args.getScheduledExecutorService();
    this.blocking = Resolvers.blockingExecutor(args);
  }

  @Override
  public String getServiceAuthority() {
    return etcd.authority();
  }

  @Override
  public void start(Listener2 listener) {
    if (publisher != null) {
      throw new IllegalStateException(target + ": already started");
    }
    publisher =
        new AddressPublisher(
            target, listener, sync, blocking, ThreadLocalRandom.current().nextLong());
    ExecutorService pool = Executors.newCachedThreadPool(EtcdNameResolver::newThread);
    callbacks = pool;
    String[] endpoints = etcd.hosts().stream().map(host -> "http://" + host).toArray(String[]::new);
    client =
        Client.builder()
            .endpoints(endpoints)
            .executorService(pool)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    list();
  }

  private static Thread newThread(Runnable task) {
    Thread thread = new Thread(task, "zero4j-rpc-etcd-resolver-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }

  /** Reads the prefix, then watches from the revision after it. */
  private void list() {
    Client etcdClient = client;
    if (shutdown || etcdClient == null) {
      return;
    }
    retry = null;
    closeWatcher();
    int current = ++generation;
    etcdClient
        .getKVClient()
        .get(prefix, GetOption.builder().isPrefix(true).build())
        .orTimeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((response, error) -> sync.execute(() -> onListed(current, response, error)));
  }

  private void onListed(int current, @Nullable GetResponse response, @Nullable Throwable error) {
    if (shutdown || current != generation) {
      return;
    }
    if (error != null || response == null) {
      recover("reading " + prefix, error);
      return;
    }
    entries.clear();
    for (KeyValue kv : response.getKvs()) {
      entries.put(text(kv.getKey()), text(kv.getValue()));
    }
    publish(false);
    retryMillis = RETRY_INITIAL_MILLIS;
    watch(current, response.getHeader().getRevision() + 1);
  }

  private void watch(int current, long revision) {
    Client etcdClient = client;
    if (etcdClient == null) {
      return;
    }
    WatchOption option = WatchOption.builder().isPrefix(true).withRevision(revision).build();
    watcher =
        etcdClient
            .getWatchClient()
            .watch(
                prefix,
                option,
                Watch.listener(
                    response -> sync.execute(() -> onEvents(current, response)),
                    error -> sync.execute(() -> onWatchEnded(current, error)),
                    () -> sync.execute(() -> onWatchEnded(current, null))));
  }

  private void onEvents(int current, WatchResponse response) {
    if (shutdown || current != generation) {
      return;
    }
    for (WatchEvent event : response.getEvents()) {
      String key = text(event.getKeyValue().getKey());
      if (event.getEventType() == WatchEvent.EventType.PUT) {
        entries.put(key, text(event.getKeyValue().getValue()));
      } else if (event.getEventType() == WatchEvent.EventType.DELETE) {
        entries.remove(key);
      }
    }
    publish(false);
  }

  private void onWatchEnded(int current, @Nullable Throwable error) {
    if (shutdown || current != generation) {
      return;
    }
    recover("watching " + prefix, error);
  }

  private void recover(String what, @Nullable Throwable error) {
    generation++;
    closeWatcher();
    String reason = error == null ? "stream ended" : String.valueOf(error.getMessage());
    long delay = jittered(retryMillis);
    retryMillis = Math.min(retryMillis * 2, RETRY_MAX_MILLIS);
    LOG.warn("{}: {} failed ({}); reading again in {} ms", target, what, reason, delay);
    AddressPublisher current = publisher;
    if (current != null) {
      current.failed(
          Status.UNAVAILABLE
              .withDescription(target + ": " + what + ": " + reason)
              .withCause(error));
    }
    retry = sync.schedule(this::list, delay, TimeUnit.MILLISECONDS, scheduler);
  }

  private static long jittered(long millis) {
    double factor = 1 + RETRY_JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    return Math.max(1, Math.round(millis * factor));
  }

  private void publish(boolean force) {
    AddressPublisher current = publisher;
    if (current != null) {
      current.publish(new HashSet<>(entries.values()), force);
    }
  }

  /**
   * The channel asks again (after a failed call or a rejected result): read now if waiting to
   * retry, else look the known endpoints' host names up again.
   */
  @Override
  public void refresh() {
    ScheduledHandle pending = retry;
    if (pending != null) {
      pending.cancel();
      list();
    } else if (watcher != null) {
      publish(true);
    }
  }

  @Override
  public void shutdown() {
    if (shutdown) {
      return;
    }
    shutdown = true;
    generation++;
    ScheduledHandle pending = retry;
    if (pending != null) {
      pending.cancel();
    }
    closeWatcher();
    AddressPublisher current = publisher;
    if (current != null) {
      current.close();
    }
    Client etcdClient = client;
    if (etcdClient != null) {
      etcdClient.close();
    }
    ExecutorService pool = callbacks;
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private void closeWatcher() {
    Watch.Watcher current = watcher;
    watcher = null;
    if (current != null) {
      current.close();
    }
  }

  private static String text(ByteSequence bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
