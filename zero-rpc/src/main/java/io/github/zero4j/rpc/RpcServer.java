package io.github.zero4j.rpc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.breaker.BreakerRegistry;
import io.github.zero4j.core.load.AdaptiveShedder;
import io.github.zero4j.core.load.CpuUsage;
import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.sync.Workers;
import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.rpc.discovery.EtcdRegistrar;
import io.github.zero4j.rpc.interceptor.RpcServerInterceptors;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server with go-zero's zRPC behaviour: {@link RpcServerConf} keys and defaults, the
 * built-in interceptors in go-zero's order, the standard health service, etcd registration and a
 * graceful stop.
 *
 * <pre>{@code
 * RpcServer server =
 *     RpcServer.builder(RpcServerConf.of("0.0.0.0:8080"))  // or a conf loaded from etc/*.yaml
 *         .addService(new UserServiceImpl())                // BindableService (generated base)
 *         .build()
 *         .start();
 * Runtime.getRuntime().addShutdownHook(new Thread(server::close));
 * server.awaitTermination();
 * }</pre>
 *
 * <p><b>Interceptors</b>, outermost first (see {@link RpcServerInterceptors}): trace, recover,
 * stat, metrics, breaker, shedding, timeout, then the builder's own interceptors in the order they
 * were added. Stat, metrics, shedding and timeout apply to unary calls only, as in go-zero.
 *
 * <p>Thread-safety: thread-safe; {@link #start()} and {@link #close()} may be called from any
 * thread.
 */
public final class RpcServer implements AutoCloseable {
  /*
   * Threads. Netty's event loops (zero4j-rpc-boss-N, zero4j-rpc-worker-N) only do I/O. Listener
   * callbacks, so all service code, run on Workers' executor: a virtual thread per task on JDK 21+
   * (grpc-java serialises the callbacks of one call), else a bounded pool of daemon platform
   * threads zero4j-rpc-server-N. Server timeouts are timed on one daemon thread,
   * zero4j-rpc-timeout-0. Everything the server creates stops in close().
   *
   * Stop. close() follows go-zero's shutdown: health NOT_SERVING (go-zero's health Shutdown), the
   * etcd key revoked (its wrap-up listener), then grpc's graceful stop: no new calls, calls in
   * flight may finish within the grace period, after which the rest are cancelled.
   */

  private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

  /** How long {@link #close()} lets calls in flight finish: 5 s (go-zero forces exit at 5.5 s). */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(5);

  /** Platform threads for service code when virtual threads are unavailable: {@value}. */
  public static final int DEFAULT_MAX_PLATFORM_THREADS = 200;

  /** Connections idle this long are closed (go-zero's keepalive {@code MaxConnectionIdle}). */
  static final Duration MAX_CONNECTION_IDLE = Duration.ofMinutes(5);

  /** How long {@link #close()} waits after cancelling the calls that outlived the grace period. */
  static final Duration FORCED_STOP_WAIT = Duration.ofSeconds(5);

  private enum State {
    NEW,
    STARTED,
    CLOSED
  }

  private final RpcServerConf conf;
  private final ListenAddress address;
  private final Server server;
  private final @Nullable HealthStatusManager health;
  private final List<String> serviceNames;
  private final ExecutorService executor;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ScheduledThreadPoolExecutor timeouts;
  private final StatMetrics stat;
  private final Duration gracePeriod;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private volatile State state = State.NEW;

  /** The bound port, kept so that {@link #port()} still answers after {@code close()}. */
  private volatile int boundPort = -1;

  private @Nullable EtcdRegistrar registrar;

  private RpcServer(Builder builder) {
    this.conf = builder.conf;
    this.address = ListenAddress.parse(conf.listenOn());
    this.gracePeriod = builder.gracePeriod;
    this.health = conf.health() ? new HealthStatusManager() : null;
    this.executor = Workers.newExecutor("zero4j-rpc-server-", builder.maxPlatformThreads);
    this.boss =
        new MultiThreadIoEventLoopGroup(
            1, Workers.platformThreadFactory("zero4j-rpc-boss-"), NioIoHandler.newFactory());
    this.workers =
        new MultiThreadIoEventLoopGroup(
            0, Workers.platformThreadFactory("zero4j-rpc-worker-"), NioIoHandler.newFactory());
    this.timeouts =
        new ScheduledThreadPoolExecutor(1, Workers.platformThreadFactory("zero4j-rpc-timeout-"));
    timeouts.setRemoveOnCancelPolicy(true);
    RpcServerConf.MiddlewaresConf middlewares = conf.middlewares();
    this.stat = middlewares.stat() ? StatMetrics.of(conf.serviceName()) : StatMetrics.noop();

    try {
      this.serviceNames = serviceNames(builder);
      this.server = buildServer(builder);
    } catch (RuntimeException e) {
      release();
      throw e;
    }
  }

  private static List<String> serviceNames(Builder builder) {
    List<String> names = new ArrayList<>();
    for (ServerServiceDefinition service : builder.services) {
      names.add(service.getServiceDescriptor().getName());
    }
    return List.copyOf(names);
  }

  private Server buildServer(Builder builder) {
    List<ServerInterceptor> chain = builtIns(builder);
    chain.addAll(builder.interceptors);
    NettyServerBuilder netty =
        NettyServerBuilder.forAddress(address.socketAddress())
            .bossEventLoopGroup(boss)
            .workerEventLoopGroup(workers)
            .channelType(NioServerSocketChannel.class)
            .executor(executor)
            .maxConnectionIdle(MAX_CONNECTION_IDLE.toNanos(), TimeUnit.NANOSECONDS);
    for (ServerServiceDefinition service : builder.services) {
      netty.addService(ServerInterceptors.interceptForward(service, chain));
    }
    HealthStatusManager healthService = health;
    if (healthService != null) {
      netty.addService(
          ServerInterceptors.interceptForward(healthService.getHealthService(), chain));
    }
    builder.customizer.accept(netty);
    return netty.build();
  }

  /** go-zero's unary chain, outermost first: trace, recover, stat, prometheus, breaker, ... */
  private List<ServerInterceptor> builtIns(Builder builder) {
    RpcServerConf.MiddlewaresConf middlewares = conf.middlewares();
    List<ServerInterceptor> chain = new ArrayList<>();
    if (middlewares.trace()) {
      chain.add(RpcServerInterceptors.tracing(builder.tracing));
    }
    if (middlewares.recover()) {
      chain.add(RpcServerInterceptors.recover());
    }
    if (middlewares.stat()) {
      RpcServerConf.StatConf statConf = middlewares.statConf();
      chain.add(
          RpcServerInterceptors.stat(
              stat, statConf.slowThreshold(), statConf.ignoreContentMethods()));
    }
    if (middlewares.prometheus()) {
      chain.add(RpcServerInterceptors.metrics(ZeroMeters.of(builder.meterRegistry)));
    }
    if (middlewares.breaker()) {
      BreakerRegistry breakers = builder.breakerRegistry;
      chain.add(
          RpcServerInterceptors.breaker(breakers != null ? breakers : BreakerRegistry.create()));
    }
    if (conf.cpuThreshold() > 0) {
      AdaptiveShedder shedder =
          AdaptiveShedder.builder()
              .name(conf.serviceName())
              .cpuThreshold(conf.cpuThreshold())
              .cpuUsage(builder.cpuUsage)
              .build();
      chain.add(RpcServerInterceptors.shedding(shedder, stat));
    }
    Map<String, Duration> methodTimeouts = new LinkedHashMap<>();
    for (RpcServerConf.MethodTimeoutConf method : conf.methodTimeouts()) {
      methodTimeouts.put(method.fullMethod(), method.timeout());
    }
    if (!conf.timeout().isZero() || !methodTimeouts.isEmpty()) {
      chain.add(RpcServerInterceptors.timeout(conf.timeout(), methodTimeouts, timeouts));
    }
    return chain;
  }

  /** A builder for a server configured by {@code conf}. */
  public static Builder builder(RpcServerConf conf) {
    return new Builder(conf);
  }

  /**
   * Listens, marks every service SERVING in the health service and registers in etcd when {@code
   * Etcd} is configured.
   *
   * @throws UncheckedIOException when the address cannot be bound (the server is then closed)
   * @throws io.github.zero4j.rpc.discovery.RegistrationException when etcd refuses the registration
   *     (the server is then closed)
   * @throws IllegalStateException when already started or closed
   */
  public RpcServer start() {
    lifecycle.lock();
    try {
      if (state != State.NEW) {
        throw new IllegalStateException(conf.serviceName() + ": server already " + state);
      }
      try {
        server.start();
        boundPort = server.getPort();
      } catch (IOException e) {
        release();
        state = State.CLOSED;
        throw new UncheckedIOException("ListenOn " + conf.listenOn() + ": cannot listen", e);
      }
      state = State.STARTED;
      if (health != null) {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
        serviceNames.forEach(name -> health.setStatus(name, ServingStatus.SERVING));
      }
      EtcdConf etcd = conf.etcd().orElse(null);
      if (etcd != null) {
        try {
          registrar =
              EtcdRegistrar.builder()
                  .hosts(etcd.hosts())
                  .key(etcd.key())
                  .id(etcd.id())
                  .listenOn(address.withPort(server.getPort()))
                  .build()
                  .start();
        } catch (RuntimeException e) {
          server.shutdownNow();
          release();
          state = State.CLOSED;
          throw e;
        }
      }
      LOG.info("{}: rpc server listening on port {}", conf.serviceName(), server.getPort());
      return this;
    } finally {
      lifecycle.unlock();
    }
  }

  /**
   * The port listened on: the configured one, or the one chosen for port 0. After {@code close()}
   * it is the port the server listened on.
   */
  public int port() {
    int port = boundPort;
    if (port < 0) {
      throw new IllegalStateException(conf.serviceName() + ": server not started");
    }
    return port;
  }

  /** The configuration the server was built from. */
  public RpcServerConf conf() {
    return conf;
  }

  /**
   * Blocks until the server has stopped, that is until {@link #close()} (called from another
   * thread, a shutdown hook for example) has finished stopping it.
   */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * Stops gracefully, go-zero's shutdown order: health NOT_SERVING, deregistration from etcd, no
   * new calls, calls in flight given the grace period ({@link #DEFAULT_GRACE_PERIOD} by default)
   * and then cancelled; finally every thread the server made is stopped. Idempotent; safe on a
   * server that was never started.
   */
  @Override
  public void close() {
    lifecycle.lock();
    try {
      if (state == State.CLOSED) {
        return;
      }
      boolean started = state == State.STARTED;
      state = State.CLOSED;
      if (started) {
        stopGracefully();
      } else {
        server.shutdownNow(); // never listened: terminates at once, so awaitTermination returns
      }
      release();
    } finally {
      lifecycle.unlock();
    }
  }

  private void stopGracefully() {
    if (health != null) {
      health.enterTerminalState();
    }
    deregister();
    server.shutdown();
    try {
      if (!server.awaitTermination(gracePeriod.toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.warn(
            "{}: calls still running after the grace period of {}; cancelling them",
            conf.serviceName(),
            gracePeriod);
        server.shutdownNow();
        server.awaitTermination(FORCED_STOP_WAIT.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    LOG.info("{}: rpc server stopped", conf.serviceName());
  }

  /**
   * Test hook: stops as abruptly as a crash can be simulated in-process: calls in flight are
   * cancelled at once and the etcd key is revoked without waiting for anything.
   */
  void kill() {
    lifecycle.lock();
    try {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      server.shutdownNow();
      deregister();
      try {
        server.awaitTermination(FORCED_STOP_WAIT.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      release();
    } finally {
      lifecycle.unlock();
    }
  }

  private void deregister() {
    EtcdRegistrar current = registrar;
    registrar = null;
    if (current != null) {
      current.close();
    }
  }

  private void release() {
    executor.shutdownNow();
    timeouts.shutdownNow();
    // Netty's termination futures are not waited for: the groups only held closed channels.
    var unusedBoss = boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    var unusedWorkers = workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    stat.close();
  }

  @Override
  public String toString() {
    return "RpcServer{" + conf.serviceName() + ", " + state + "}";
  }

  /** Builds an {@link RpcServer}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final RpcServerConf conf;
    private final List<ServerServiceDefinition> services = new ArrayList<>();
    private final List<ServerInterceptor> interceptors = new ArrayList<>();
    private Tracing tracing = Tracing.global();
    private MeterRegistry meterRegistry = Metrics.globalRegistry;
    private @Nullable BreakerRegistry breakerRegistry;
    private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
    private int maxPlatformThreads = DEFAULT_MAX_PLATFORM_THREADS;
    private Consumer<NettyServerBuilder> customizer = netty -> {};
    private IntSupplier cpuUsage = CpuUsage::get;

    private Builder(RpcServerConf conf) {
      this.conf = requireNonNull(conf, "conf");
      conf.etcd().ifPresent(EtcdConf::requireSupported);
    }

    /** Serves {@code service} (a generated {@code *ImplBase}, for example). */
    public Builder addService(BindableService service) {
      return addService(requireNonNull(service, "service").bindService());
    }

    /** Serves {@code service}. */
    public Builder addService(ServerServiceDefinition service) {
      requireNonNull(service, "service");
      String name = service.getServiceDescriptor().getName();
      for (ServerServiceDefinition added : services) {
        if (added.getServiceDescriptor().getName().equals(name)) {
          throw new IllegalArgumentException("service: " + name + " (expected: added once)");
        }
      }
      services.add(service);
      return this;
    }

    /** Adds an interceptor for every call, inside the built-ins and the ones added before. */
    public Builder interceptor(ServerInterceptor interceptor) {
      interceptors.add(requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /** Adds an interceptor for unary calls (go-zero's {@code AddUnaryInterceptors}). */
    public Builder unaryInterceptor(ServerInterceptor interceptor) {
      return interceptor(RpcServerInterceptors.unaryOnly(interceptor));
    }

    /** Adds an interceptor for streaming calls (go-zero's {@code AddStreamInterceptors}). */
    public Builder streamInterceptor(ServerInterceptor interceptor) {
      return interceptor(RpcServerInterceptors.streamOnly(interceptor));
    }

    /** Where spans go; {@link Tracing#global()} by default. */
    public Builder tracing(Tracing tracing) {
      this.tracing = requireNonNull(tracing, "tracing");
      return this;
    }

    /** Where {@code rpc_server_*} metrics go; Micrometer's global registry by default. */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }

    /**
     * The registry of the per-method breakers; by default a new one owned by this server, with
     * go-zero's breaker defaults.
     */
    public Builder breakerRegistry(BreakerRegistry breakerRegistry) {
      this.breakerRegistry = requireNonNull(breakerRegistry, "breakerRegistry");
      return this;
    }

    /** How long {@link RpcServer#close()} lets calls finish; {@link #DEFAULT_GRACE_PERIOD}. */
    public Builder gracePeriod(Duration gracePeriod) {
      requireNonNull(gracePeriod, "gracePeriod");
      if (gracePeriod.isNegative()) {
        throw new IllegalArgumentException("gracePeriod: " + gracePeriod + " (expected: >= 0)");
      }
      this.gracePeriod = gracePeriod;
      return this;
    }

    /**
     * The most platform threads running service code when virtual threads are unavailable (JDK
     * 17-20); {@value #DEFAULT_MAX_PLATFORM_THREADS} by default. Further calls wait in a queue.
     */
    public Builder maxPlatformThreads(int maxPlatformThreads) {
      if (maxPlatformThreads < 1) {
        throw new IllegalArgumentException(
            "maxPlatformThreads: " + maxPlatformThreads + " (expected: >= 1)");
      }
      this.maxPlatformThreads = maxPlatformThreads;
      return this;
    }

    /**
     * Adjusts grpc-java's builder before the server is built: TLS, message size limits, keepalive
     * (go-zero's {@code AddOptions}). Event loops, executor and services are set already.
     */
    public Builder customize(Consumer<NettyServerBuilder> customizer) {
      this.customizer = requireNonNull(customizer, "customizer");
      return this;
    }

    /** Test hook: the shedder's CPU reading, per mille; {@link CpuUsage#get()} by default. */
    Builder cpuUsage(IntSupplier cpuUsage) {
      this.cpuUsage = requireNonNull(cpuUsage, "cpuUsage");
      return this;
    }

    /** Builds the server, not yet listening; {@link RpcServer#start()} starts it. */
    public RpcServer build() {
      return new RpcServer(this);
    }
  }
}
