package io.github.zero4j.rpc.discovery;

import static java.util.Objects.requireNonNull;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.support.CloseableClient;
import io.etcd.jetcd.watch.WatchEvent;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * go-zero's discov.Publisher [1] with jetcd.
 *
 * Registration: grant a lease of `ttl` (10 s), put `<key>/<leaseID>` (or `<key>/<id>` when an id
 * is configured) -> host:port with that lease, start the lease keepalive (jetcd renews it every
 * ttl/3) and watch the own key for deletions from the put's revision + 1.
 *
 * Staying registered:
 *   - key deleted by someone else          -> put it again under the same lease (go-zero);
 *   - lease lost (jetcd reports the lease not found, or ends the keepalive because the lease's
 *     deadline passed without a renewal, e.g. etcd was unreachable for a whole ttl)
 *                                          -> register again from scratch, retried every 1 s
 *                                             until it works or close() (go-zero's loop); the
 *                                             lost lease is revoked once etcd answers again, so a
 *                                             lease etcd still had does not keep a duplicate key;
 *   - watch failed                         -> dropped and re-created by the next check;
 *   - every ttl, a check (not in go-zero) reads the key and the lease's remaining TTL and repairs
 *     whatever an event was missed for (key gone -> put; lease gone -> register; no watch ->
 *     watch). Transient keepalive stream errors are left to jetcd, which reconnects by itself.
 * close() revokes the lease, which deletes the key at once (go-zero's Stop).
 *
 * Threading. All registration state is confined to one daemon thread, zero4j-rpc-etcd-registrar-N;
 * jetcd callbacks (on daemon threads zero4j-rpc-etcd-registrar-N-cb-M) only post tasks to it, and
 * blocking etcd calls there wait at most REQUEST_TIMEOUT each. start() and close() wait for their
 * task on that thread.
 *
 * [1] github.com/zeromicro/go-zero core/discov/publisher.go
 */

/**
 * Registers a server in etcd with go-zero's layout, so that go-zero clients and {@code etcd:}
 * targets find it: key {@code <Key>/<leaseID>} (or {@code <Key>/<ID>}), value {@code host:port},
 * lease {@value #DEFAULT_TTL_SECONDS} s kept alive while the registrar is open.
 *
 * <pre>{@code
 * EtcdRegistrar registrar =
 *     EtcdRegistrar.builder()
 *         .hosts("127.0.0.1:2379")
 *         .key("user.rpc")
 *         .listenOn("0.0.0.0:8080") // registered as $POD_IP:8080 or this machine's IPv4:8080
 *         .build()
 *         .start();
 * ...
 * registrar.close(); // revokes the lease: the key is gone at once
 * }</pre>
 *
 * <p>The key is put back if it is deleted, and the server registers again (new lease, new key) if
 * the lease is lost. Thread-safe.
 */
public final class EtcdRegistrar implements AutoCloseable {
  /** go-zero's lease TTL in seconds (discov's TimeToLive). */
  public static final long DEFAULT_TTL_SECONDS = 10;

  /** go-zero's lease TTL, {@value #DEFAULT_TTL_SECONDS} s. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(DEFAULT_TTL_SECONDS);

  /** Timeout of each etcd request (go-zero's etcd request timeout). */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

  /** Timeout for connecting to an etcd endpoint (go-zero's dial timeout). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Delay between registration attempts after the lease was lost (go-zero: 1 s). */
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(EtcdRegistrar.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final String key;
  private final String value;
  private final long id;
  private final long ttlSeconds;
  private final ScheduledExecutorService worker;
  private final ExecutorService callbacks;
  private final Client client;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile String registeredKey = "";
  private volatile long registeredLease;

  // Confined to the worker thread.
  private long leaseId;
  private String fullKey = "";
  private @Nullable CloseableClient keepAlive;
  private Watch.@Nullable Watcher watcher;
  private @Nullable ScheduledFuture<?> retry;
  private final List<Long> staleLeases = new ArrayList<>();

  private EtcdRegistrar(Builder builder, String value) {
    this.key = requireNonNull(builder.key, "key");
    this.value = value;
    this.id = builder.id;
    this.ttlSeconds = builder.ttl.getSeconds();
    int instance = INSTANCES.incrementAndGet();
    String name = "zero4j-rpc-etcd-registrar-" + instance;
    this.worker = Executors.newSingleThreadScheduledExecutor(daemon(name, false));
    this.callbacks = Executors.newCachedThreadPool(daemon(name + "-cb-", true));
    String[] endpoints =
        builder.hosts.stream()
            .map(host -> host.contains("://") ? host : "http://" + host)
            .toArray(String[]::new);
    this.client =
        Client.builder()
            .endpoints(endpoints)
            .executorService(callbacks)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  private static ThreadFactory daemon(String name, boolean numbered) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, numbered ? name + count.incrementAndGet() : name);
      thread.setDaemon(true);
      return thread;
    };
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers the server and starts keeping it registered; returns once the key is in etcd.
   *
   * @throws RegistrationException when etcd did not accept the registration (the registrar is then
   *     closed)
   * @throws IllegalStateException when already started or closed
   */
  public EtcdRegistrar start() {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException(key + ": registrar already started or closed");
    }
    Future<?> registration =
        worker.submit(
            () -> {
              register();
              long period = TimeUnit.SECONDS.toMillis(ttlSeconds);
              worker.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
              return null;
            });
    try {
      registration.get(REQUEST_TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
      return this;
    } catch (ExecutionException e) {
      close();
      throw new RegistrationException(key, "registration failed", e.getCause());
    } catch (TimeoutException e) {
      close();
      throw new RegistrationException(key, "registration timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new RegistrationException(key, "interrupted while registering", e);
    }
  }

  /** The service key ({@code Etcd.Key}). */
  public String key() {
    return key;
  }

  /** The registered value, {@code host:port}. */
  public String value() {
    return value;
  }

  /** The full key now in etcd ({@code <key>/<leaseID>}); empty before {@link #start()}. */
  public String registeredKey() {
    return registeredKey;
  }

  /** The lease now kept alive; 0 before {@link #start()} and while registering again. */
  public long leaseId() {
    return registeredLease;
  }

  /** Deregisters (revokes the lease, which deletes the key) and releases the etcd client. */
  @Override
  public void close() {
    shutDown(true);
  }

  /**
   * Test hook: stop as a killed process would, without revoking; the key stays until the lease
   * expires.
   */
  void abandon() {
    shutDown(false);
  }

  private void shutDown(boolean revoke) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      worker
          .submit(() -> release(revoke))
          .get(REQUEST_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("{}: deregistration did not complete: {}", key, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      client.close();
      worker.shutdownNow();
      callbacks.shutdownNow();
    }
  }

  private void release(boolean revoke) {
    ScheduledFuture<?> pending = retry;
    if (pending != null) {
      pending.cancel(false);
    }
    stopWatching();
    CloseableClient renewal = keepAlive;
    keepAlive = null;
    if (renewal != null) {
      renewal.close();
    }
    if (revoke) {
      if (leaseId != 0) {
        staleLeases.add(leaseId);
      }
      revokeStale();
    }
    leaseId = 0;
    registeredLease = 0;
  }

  // ---- on the worker thread ----

  private void register() throws Exception {
    long lease = await(client.getLeaseClient().grant(ttlSeconds)).getID();
    String full = key + "/" + (id > 0 ? id : lease);
    PutResponse put;
    try {
      put = await(client.getKVClient().put(bytes(full), bytes(value), withLease(lease)));
    } catch (Exception e) {
      staleLeases.add(lease);
      throw e;
    }
    leaseId = lease;
    fullKey = full;
    registeredKey = full;
    registeredLease = lease;
    keepAlive = client.getLeaseClient().keepAlive(lease, new Renewal(lease));
    watch(lease, put.getHeader().getRevision() + 1);
    revokeStale();
    LOG.info("{}: registered {} -> {} (lease {}, ttl {} s)", key, full, value, lease, ttlSeconds);
  }

  private void registerAgain() {
    retry = null;
    if (closed.get() || leaseId != 0) {
      return;
    }
    try {
      register();
    } catch (Exception e) {
      LOG.warn("{}: registering again failed ({}); retrying in {}", key, e, RETRY_INTERVAL);
      retry =
          worker.schedule(this::registerAgain, RETRY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void leaseLost(long lease, String reason) {
    if (closed.get() || lease != leaseId) {
      return;
    }
    LOG.warn("{}: lease {} lost ({}); registering again", key, lease, reason);
    stopWatching();
    CloseableClient renewal = keepAlive;
    keepAlive = null;
    if (renewal != null) {
      renewal.close();
    }
    staleLeases.add(lease);
    leaseId = 0;
    registeredLease = 0;
    registerAgain();
  }

  private void keyDeleted(long lease) {
    if (closed.get() || lease != leaseId) {
      return;
    }
    LOG.warn("{}: {} was deleted; putting it back", key, fullKey);
    try {
      await(client.getKVClient().put(bytes(fullKey), bytes(value), withLease(lease)));
    } catch (Exception e) {
      leaseLost(lease, "put back failed: " + e);
    }
  }

  private void watchFailed(long lease) {
    if (closed.get() || lease != leaseId) {
      return;
    }
    stopWatching();
    worker.schedule(this::check, RETRY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Repairs whatever drifted: lease gone, key gone, watch gone. */
  private void check() {
    if (closed.get()) {
      return;
    }
    long lease = leaseId;
    if (lease == 0) {
      if (retry == null) {
        registerAgain();
      }
      return;
    }
    try {
      long ttl = await(client.getLeaseClient().timeToLive(lease, LeaseOption.DEFAULT)).getTTL();
      if (ttl <= 0) {
        leaseLost(lease, "lease TTL is " + ttl);
        return;
      }
      GetResponse current = await(client.getKVClient().get(bytes(fullKey)));
      if (current.getKvs().isEmpty()) {
        keyDeleted(lease);
      }
      if (watcher == null && lease == leaseId) {
        watch(lease, current.getHeader().getRevision() + 1);
      }
    } catch (Exception e) {
      LOG.debug("{}: check failed: {}", key, e.toString());
    }
  }

  private void watch(long lease, long revision) {
    WatchOption option = WatchOption.builder().withNoPut(true).withRevision(revision).build();
    watcher =
        client
            .getWatchClient()
            .watch(
                bytes(fullKey),
                option,
                Watch.listener(
                    response -> {
                      for (WatchEvent event : response.getEvents()) {
                        if (event.getEventType() == WatchEvent.EventType.DELETE) {
                          post(() -> keyDeleted(lease));
                        }
                      }
                    },
                    error -> post(() -> watchFailed(lease)),
                    () -> post(() -> watchFailed(lease))));
  }

  private void stopWatching() {
    Watch.Watcher current = watcher;
    watcher = null;
    if (current != null) {
      current.close();
    }
  }

  private void revokeStale() {
    List<Long> leases = new ArrayList<>(staleLeases);
    staleLeases.clear();
    for (long lease : leases) {
      try {
        await(client.getLeaseClient().revoke(lease));
      } catch (Exception e) {
        if (!isLeaseNotFound(e)) {
          LOG.debug("{}: revoking lease {} failed: {}", key, lease, e.toString());
          if (!closed.get()) {
            staleLeases.add(lease);
          }
        }
      }
    }
  }

  private void post(Runnable task) {
    if (!closed.get()) {
      try {
        worker.execute(task);
      } catch (RejectedExecutionException e) {
        // Closed meanwhile.
      }
    }
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof Exception ? (Exception) cause : e;
    }
  }

  /** jetcd reports a missing lease as an EtcdException or as a gRPC NOT_FOUND status. */
  private static boolean isLeaseNotFound(Throwable error) {
    if (error instanceof EtcdException) {
      return ((EtcdException) error).getErrorCode() == ErrorCode.NOT_FOUND;
    }
    return Status.fromThrowable(error).getCode() == Status.Code.NOT_FOUND;
  }

  private static PutOption withLease(long lease) {
    return PutOption.builder().withLeaseId(lease).build();
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  /** Receives jetcd's keepalive results for one lease. */
  private final class Renewal implements StreamObserver<LeaseKeepAliveResponse> {
    private final long lease;

    Renewal(long lease) {
      this.lease = lease;
    }

    @Override
    public void onNext(LeaseKeepAliveResponse response) {
      if (response.getTTL() <= 0) {
        post(() -> leaseLost(lease, "keepalive TTL " + response.getTTL()));
      }
    }

    @Override
    public void onError(Throwable error) {
      if (isLeaseNotFound(error)) {
        post(() -> leaseLost(lease, "lease not found"));
      } else {
        LOG.debug("{}: keepalive stream error (jetcd retries): {}", key, error.toString());
      }
    }

    @Override
    public void onCompleted() {
      post(() -> leaseLost(lease, "keepalive deadline passed"));
    }
  }

  /** Builds an {@link EtcdRegistrar}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private List<String> hosts = List.of();
    private @Nullable String key;
    private @Nullable String listenOn;
    private long id;
    private Duration ttl = DEFAULT_TTL;

    private Builder() {}

    /** etcd endpoints, {@code host:port} (go-zero's {@code Etcd.Hosts}); required. */
    public Builder hosts(List<String> hosts) {
      requireNonNull(hosts, "hosts");
      if (hosts.isEmpty()) {
        throw new IllegalArgumentException("hosts: [] (expected: at least one host:port)");
      }
      for (String host : hosts) {
        requireNonNull(host, "hosts element");
        if (host.isBlank()) {
          throw new IllegalArgumentException("hosts: " + hosts + " (expected: no blank entry)");
        }
      }
      this.hosts = List.copyOf(hosts);
      return this;
    }

    /** etcd endpoints, {@code host:port}; required. */
    public Builder hosts(String... hosts) {
      return hosts(List.of(requireNonNull(hosts, "hosts")));
    }

    /** The service key (go-zero's {@code Etcd.Key}, e.g. {@code user.rpc}); required. */
    public Builder key(String key) {
      requireNonNull(key, "key");
      if (key.isBlank() || key.endsWith("/")) {
        throw new IllegalArgumentException(
            "key: '" + key + "' (expected: non-blank, not ending with '/')");
      }
      this.key = key;
      return this;
    }

    /**
     * The server's listen address (go-zero's {@code ListenOn}); an empty or wildcard host is
     * replaced by {@code $POD_IP} or this machine's address. Required.
     */
    public Builder listenOn(String listenOn) {
      requireNonNull(listenOn, "listenOn");
      ListenOn.figureOut(listenOn, name -> null);
      this.listenOn = listenOn;
      return this;
    }

    /**
     * A fixed key suffix (go-zero's {@code Etcd.ID}) instead of the lease ID; 0 (the default) uses
     * the lease ID.
     */
    public Builder id(long id) {
      if (id < 0) {
        throw new IllegalArgumentException("id: " + id + " (expected: >= 0)");
      }
      this.id = id;
      return this;
    }

    /**
     * The lease TTL, whole seconds, at least 1 s; default {@value
     * EtcdRegistrar#DEFAULT_TTL_SECONDS} s.
     */
    public Builder ttl(Duration ttl) {
      requireNonNull(ttl, "ttl");
      if (ttl.getSeconds() < 1 || ttl.getNano() != 0) {
        throw new IllegalArgumentException("ttl: " + ttl + " (expected: whole seconds, >= 1s)");
      }
      this.ttl = ttl;
      return this;
    }

    /** A registrar, not yet started (see {@link EtcdRegistrar#start()}). */
    public EtcdRegistrar build() {
      if (hosts.isEmpty()) {
        throw new IllegalStateException("hosts is not set");
      }
      if (key == null) {
        throw new IllegalStateException("key is not set");
      }
      String address = listenOn;
      if (address == null) {
        throw new IllegalStateException("listenOn is not set");
      }
      return new EtcdRegistrar(this, ListenOn.figureOut(address, System::getenv));
    }
  }
}
