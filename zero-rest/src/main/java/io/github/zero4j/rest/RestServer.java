package io.github.zero4j.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.breaker.BreakerRegistry;
import io.github.zero4j.core.load.AdaptiveShedder;
import io.github.zero4j.core.load.Shedder;
import io.github.zero4j.core.stat.StatMetrics;
import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.rest.httpx.Binder;
import io.github.zero4j.rest.httpx.ErrorHandler;
import io.github.zero4j.rest.httpx.OkHandler;
import io.github.zero4j.rest.internal.HandlerExecutor;
import io.github.zero4j.rest.internal.NettyServer;
import io.github.zero4j.rest.internal.ServerConfig;
import io.github.zero4j.rest.internal.chain.AccessLines;
import io.github.zero4j.rest.internal.chain.CallClock;
import io.github.zero4j.rest.internal.chain.ChainSettings;
import io.github.zero4j.rest.internal.chain.Pipeline;
import io.github.zero4j.rest.internal.chain.Renderer;
import io.github.zero4j.rest.router.Router;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 server with go-zero's routing, built-in middleware chain and defaults, on Netty.
 *
 * <pre>{@code
 * RestServer server = RestServer.builder()
 *     .port(8888)
 *     .route(HttpMethod.GET, "/users/:id", request -> Response.json(find(request.pathParam("id"))))
 *     .build()
 *     .start()
 *     .registerShutdownHook();
 * }</pre>
 *
 * <p>Netty's event loops do I/O only. Handlers run on virtual threads on JDK 21+, otherwise on a
 * bounded pool of platform threads; a route group marked {@code nonBlocking} runs its handlers on
 * the event loop. The built-in middlewares run in {@link BuiltIn}'s order; see {@code docs/rest.md}
 * for the status each answers with.
 *
 * <p>Thread-safe. Threads are named {@code zero4j-rest-io-N} (event loops) and {@code
 * zero4j-rest-handler-N} (handlers); they stop on {@link #close()}.
 */
public final class RestServer implements AutoCloseable {
  /** go-zero's default Host: every interface. */
  public static final String DEFAULT_HOST = "0.0.0.0";

  /** go-zero's default MaxConns: requests in flight per route. */
  public static final int DEFAULT_MAX_CONNS = 10000;

  /** go-zero's default MaxBytes: 1 MiB of body per request. */
  public static final long DEFAULT_MAX_BYTES = 1048576;

  /** go-zero's default Timeout of a route, in milliseconds. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 3000;

  /** go-zero's default Shutdown.WaitTime, in milliseconds. */
  public static final long DEFAULT_SHUTDOWN_WAIT_MILLIS = 5500;

  /** Go's http.DefaultMaxHeaderBytes: limit of the request line and of the header block. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 1048576;

  /** Platform threads for handlers without virtual threads: Tomcat's default maxThreads. */
  public static final int DEFAULT_HANDLER_THREADS = 200;

  /** Requests that may wait for a platform handler thread: as many as the default maxConns. */
  static final int HANDLER_QUEUE = DEFAULT_MAX_CONNS;

  /** go-zero's ReadTimeout: 4/5 of the largest route timeout (rest/engine.go). */
  private static final long READ_TIMEOUT_PERCENT = 80;

  /** go-zero's WriteTimeout: 11/10 of the largest route timeout (rest/engine.go). */
  private static final long WRITE_TIMEOUT_PERCENT = 110;

  private static final int MAX_PORT = 65535;

  /** go-zero's CpuThreshold range is [0:1000). */
  private static final int MAX_CPU = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

  private final ObjectMapper objectMapper;
  private final ErrorHandler errorHandler;
  private final OkHandler okHandler;
  private final boolean virtualThreads;
  private final int handlerThreads;
  private final int maxConns;
  private final long maxBytes;
  private final Duration timeout;
  private final Ticker ticker;
  private final List<Route> routes;
  private final Router<Route> router;
  private final Set<BuiltIn> builtIns;
  private final List<Middleware> uses;
  private final ServerConfig config;
  private final @Nullable String name;
  private final Tracing tracing;
  private final Set<String> traceIgnorePaths;
  private final ZeroMeters meters;
  private final @Nullable Function<String, Breaker> breakerFactory;
  private final int cpuThreshold;
  private final @Nullable IntSupplier cpuUsage;
  private final @Nullable StatMetrics statMetrics;
  private final @Nullable Cors cors;
  private final List<StaticFiles> staticFiles;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable NettyServer netty;
  private @Nullable HandlerExecutor executor;
  private @Nullable StatMetrics stat;
  private @Nullable Thread shutdownHook;
  private @Nullable AccessLines accessLines;
  private boolean started;
  private boolean closed;

  private RestServer(
      Builder builder, List<Route> routes, Router<Route> router, ServerConfig config) {
    this.objectMapper = builder.objectMapper;
    this.errorHandler = builder.errorHandler;
    this.okHandler = builder.okHandler;
    this.virtualThreads = builder.virtualThreads;
    this.handlerThreads = builder.handlerThreads;
    this.maxConns = builder.maxConns;
    this.maxBytes = builder.maxBytes;
    this.timeout = builder.timeout;
    this.ticker = builder.ticker;
    this.routes = routes;
    this.router = router;
    this.builtIns = EnumSet.copyOf(builder.builtIns);
    this.uses = List.copyOf(builder.uses);
    this.config = config;
    this.name = builder.name;
    this.tracing = builder.tracing;
    this.traceIgnorePaths = Set.copyOf(builder.traceIgnorePaths);
    this.meters = builder.meters;
    this.breakerFactory = builder.breakerFactory;
    this.cpuThreshold = builder.cpuThreshold;
    this.cpuUsage = builder.cpuUsage;
    this.statMetrics = builder.statMetrics;
    this.cors = builder.cors;
    this.staticFiles = List.copyOf(builder.staticFiles);
  }

  /** A builder with go-zero's defaults; {@link Builder#port(int)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder set from a go-zero {@code RestConf}: {@code Name}, {@code Host}, {@code Port}, {@code
   * MaxConns} and {@code MaxBytes} (0 or less turns them off), {@code Timeout}, {@code
   * CpuThreshold} (0 unless {@code Mode} is {@code pro}: go-zero turns shedding off in the other
   * modes), {@code Middlewares}, {@code TraceIgnorePaths} and {@code Shutdown.WaitTime}. Settings
   * made on the builder afterwards win.
   *
   * @throws IllegalArgumentException when {@code CertFile} or {@code KeyFile} is set: this version
   *     serves plain HTTP only (terminate TLS in front of it)
   */
  public static Builder builder(RestConf conf) {
    requireNonNull(conf, "conf");
    if (!conf.certFile().isEmpty() || !conf.keyFile().isEmpty()) {
      throw new IllegalArgumentException(
          "certFile/keyFile: "
              + conf.certFile()
              + "/"
              + conf.keyFile()
              + " (expected: empty; this version serves plain HTTP)");
    }
    Builder builder =
        new Builder()
            .name(conf.service().name())
            .host(conf.host())
            .port(conf.port())
            .maxConns(Math.max(0, conf.maxConns()))
            .maxBytes(Math.max(0, conf.maxBytes()))
            .timeout(conf.timeout())
            .cpuThreshold(RestConf.MODE_PRO.equals(conf.service().mode()) ? conf.cpuThreshold() : 0)
            .traceIgnorePaths(conf.traceIgnorePaths().toArray(new String[0]))
            .shutdownWaitTime(conf.service().shutdown().waitTime());
    for (BuiltIn builtIn : BuiltIn.values()) {
      if (!conf.middlewares().enabled(builtIn)) {
        builder.disable(builtIn);
      }
    }
    return builder;
  }

  /**
   * Binds the port and starts serving.
   *
   * @throws IllegalStateException if already started or closed
   */
  public RestServer start() {
    lock.lock();
    try {
      if (started || closed) {
        throw new IllegalStateException(
            "server: " + (closed ? "closed" : "started") + " (expected: new)");
      }
      HandlerExecutor handlers =
          HandlerExecutor.create(virtualThreads, handlerThreads, HANDLER_QUEUE);
      String statName = name != null ? name : config.host() + ":" + config.port();
      StatMetrics lines = statMetrics != null ? statMetrics : StatMetrics.of(statName);
      // Only a server that writes access lines needs their thread.
      AccessLines access = builtIns.contains(BuiltIn.LOG) ? AccessLines.start() : null;
      try {
        Renderer renderer = new Renderer(objectMapper, errorHandler, okHandler);
        // The breakers and shedders read the chain's own readings of the ticker (CallClock).
        CallClock clock = new CallClock(ticker);
        BreakerRegistry breakers =
            BreakerRegistry.create(
                breakerFactory != null
                    ? breakerFactory
                    : breakerName -> Breaker.builder().name(breakerName).ticker(clock).build());
        ChainSettings chain =
            new ChainSettings(
                builtIns,
                maxConns,
                maxBytes,
                timeout,
                uses,
                renderer,
                handlers,
                clock,
                tracing,
                traceIgnorePaths,
                meters,
                breakers::get,
                shedder(statName, false, clock),
                shedder(statName, true, clock),
                lines,
                cors,
                staticFiles,
                access);
        Router<Pipeline> pipelines = router.map(route -> Pipeline.forRoute(chain, route));
        netty =
            NettyServer.start(
                config,
                pipelines,
                Pipeline.forMiss(chain, Rejection.NOT_FOUND),
                // go-zero's CORS replaces the not-allowed handler: 404 (OPTIONS got 204 before).
                Pipeline.forMiss(
                    chain, cors != null ? Rejection.NOT_FOUND : Rejection.METHOD_NOT_ALLOWED),
                renderer,
                Binder.of(objectMapper));
      } catch (RuntimeException | Error e) {
        handlers.close();
        lines.close();
        if (access != null) {
          access.close();
        }
        throw e;
      }
      executor = handlers;
      stat = lines;
      accessLines = access;
      started = true;
      LOG.info("{} routes; handlers on {}", routes.size(), handlers);
      return this;
    } finally {
      lock.unlock();
    }
  }

  /** go-zero's shedders: none when shedding is off or the CPU threshold is 0. */
  private Shedder shedder(String statName, boolean priority, CallClock clock) {
    if (!builtIns.contains(BuiltIn.SHEDDING) || cpuThreshold == 0) {
      return Shedder.noop();
    }
    int threshold = priority ? AdaptiveShedder.priorityCpuThreshold(cpuThreshold) : cpuThreshold;
    AdaptiveShedder.Builder builder =
        AdaptiveShedder.builder().name(statName).cpuThreshold(threshold).ticker(clock);
    IntSupplier cpu = cpuUsage;
    if (cpu != null) {
      builder.cpuUsage(cpu);
    }
    return builder.build();
  }

  /**
   * The bound port (the chosen one when configured as 0).
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public int port() {
    NettyServer server = netty;
    if (server == null) {
      throw new IllegalStateException("server: not started (expected: start() first)");
    }
    return server.port();
  }

  /** go-zero's health probe name of a REST server: {@code rest-<host>:<port>}. */
  String probeName() {
    NettyServer server = netty;
    return "rest-" + config.host() + ":" + (server == null ? config.port() : server.port());
  }

  /** Readiness: true once started, false from the beginning of {@link #close()}. */
  public boolean isReady() {
    NettyServer server = netty;
    return server != null && server.isReady();
  }

  /** The routes, in registration order. */
  public List<Route> routes() {
    return routes;
  }

  /** Closes this server when the JVM receives SIGTERM or SIGINT (a shutdown hook). */
  public RestServer registerShutdownHook() {
    lock.lock();
    try {
      if (shutdownHook == null && !closed) {
        Thread hook = new Thread(this::close, "zero4j-rest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
      }
      return this;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Graceful stop: readiness goes false, the port stops accepting, idle connections close, requests
   * in flight get up to {@code shutdownWaitTime} to finish (their connections close after the
   * response), then everything closes. Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      NettyServer server = netty;
      if (server != null) {
        server.close();
      }
      HandlerExecutor handlers = executor;
      if (handlers != null) {
        handlers.close();
      }
      StatMetrics lines = stat;
      if (lines != null) {
        lines.close();
      }
      AccessLines access = accessLines;
      if (access != null) {
        // After the requests in flight: their lines are queued by now.
        access.close();
      }
      Thread hook = shutdownHook;
      if (hook != null && Thread.currentThread() != hook) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // The JVM is already shutting down: the hook runs or ran.
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    NettyServer server = netty;
    return "RestServer["
        + config.host()
        + ":"
        + (server == null ? config.port() : server.port())
        + "]";
  }

  /** Builds a {@link RestServer}; not thread-safe. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = -1;
    private int maxConns = DEFAULT_MAX_CONNS;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private Duration timeout = Duration.ofMillis(DEFAULT_TIMEOUT_MILLIS);
    private Duration shutdownWaitTime = Duration.ofMillis(DEFAULT_SHUTDOWN_WAIT_MILLIS);
    private @Nullable Duration readTimeout;
    private @Nullable Duration writeTimeout;
    private @Nullable Duration idleTimeout;
    private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
    private int ioThreads = Runtime.getRuntime().availableProcessors();
    private int handlerThreads = DEFAULT_HANDLER_THREADS;
    private boolean virtualThreads = true;
    private Ticker ticker = Ticker.system();
    private ObjectMapper objectMapper = Binder.defaultObjectMapper();
    private ErrorHandler errorHandler = ErrorHandler.defaults();
    private OkHandler okHandler = OkHandler.identity();
    private @Nullable String name;
    private Tracing tracing = Tracing.global();
    private final Set<String> traceIgnorePaths = new LinkedHashSet<>();
    private ZeroMeters meters = ZeroMeters.global();
    private @Nullable Function<String, Breaker> breakerFactory;
    private int cpuThreshold = AdaptiveShedder.DEFAULT_CPU_THRESHOLD;
    private @Nullable IntSupplier cpuUsage;
    private @Nullable StatMetrics statMetrics;
    private @Nullable Cors cors;
    private final List<StaticFiles> staticFiles = new ArrayList<>();
    private final Set<BuiltIn> builtIns = EnumSet.allOf(BuiltIn.class);
    private final List<Middleware> uses = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();

    private Builder() {}

    /** The address to bind; default {@value RestServer#DEFAULT_HOST}. */
    public Builder host(String host) {
      requireNonNull(host, "host");
      if (host.isEmpty()) {
        throw new IllegalArgumentException("host: \"\" (expected: an address or host name)");
      }
      this.host = host;
      return this;
    }

    /** The port to bind, required; 0 picks a free port ({@link RestServer#port()} tells which). */
    public Builder port(int port) {
      if (port < 0 || port > MAX_PORT) {
        throw new IllegalArgumentException("port: " + port + " (expected: 0-" + MAX_PORT + ")");
      }
      this.port = port;
      return this;
    }

    /**
     * Requests in flight per route before 503s; default {@value RestServer#DEFAULT_MAX_CONNS}; 0
     * turns the limit off.
     */
    public Builder maxConns(int maxConns) {
      if (maxConns < 0) {
        throw new IllegalArgumentException(
            "maxConns: " + maxConns + " (expected: >= 0, 0 for none)");
      }
      this.maxConns = maxConns;
      return this;
    }

    /**
     * Body bytes per request before a 413, chunked bodies included; default {@value
     * RestServer#DEFAULT_MAX_BYTES}; 0 turns the limit off.
     */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes < 0) {
        throw new IllegalArgumentException(
            "maxBytes: " + maxBytes + " (expected: >= 0, 0 for none)");
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * The routes' timeout (503 {@code Request Timeout} when it passes while the handler runs);
     * default {@value RestServer#DEFAULT_TIMEOUT_MILLIS} ms; zero turns it off.
     */
    public Builder timeout(Duration timeout) {
      this.timeout = nonNegative("timeout", timeout);
      return this;
    }

    /**
     * How long {@link RestServer#close()} lets requests in flight finish; default {@value
     * RestServer#DEFAULT_SHUTDOWN_WAIT_MILLIS} ms.
     */
    public Builder shutdownWaitTime(Duration shutdownWaitTime) {
      this.shutdownWaitTime = nonNegative("shutdownWaitTime", shutdownWaitTime);
      return this;
    }

    /**
     * Time to receive a whole request once its first byte arrived, else 408 and the connection
     * closes. Default: go-zero's 4/5 of the largest route timeout, or none when a route has no
     * timeout or the TIMEOUT built-in is off. Zero means none.
     */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = nonNegative("readTimeout", readTimeout);
      return this;
    }

    /**
     * Time to send a response once it is ready, else the connection closes. Default: go-zero's
     * 11/10 of the largest route timeout, or none when a route has no timeout or the TIMEOUT
     * built-in is off. Zero means none.
     */
    public Builder writeTimeout(Duration writeTimeout) {
      this.writeTimeout = nonNegative("writeTimeout", writeTimeout);
      return this;
    }

    /**
     * Time a keep-alive connection may wait for its next request before it closes. Default: the
     * read timeout, as Go's server does. Zero means none.
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = nonNegative("idleTimeout", idleTimeout);
      return this;
    }

    /**
     * Limit of the request line, and of the header block, in bytes (414 and 431 beyond); default
     * {@value RestServer#DEFAULT_MAX_HEADER_BYTES}.
     */
    public Builder maxHeaderBytes(int maxHeaderBytes) {
      if (maxHeaderBytes < 1) {
        throw new IllegalArgumentException(
            "maxHeaderBytes: " + maxHeaderBytes + " (expected: > 0)");
      }
      this.maxHeaderBytes = maxHeaderBytes;
      return this;
    }

    /** Event-loop threads; default the number of available processors. */
    public Builder ioThreads(int ioThreads) {
      if (ioThreads < 1) {
        throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: > 0)");
      }
      this.ioThreads = ioThreads;
      return this;
    }

    /**
     * Platform handler threads, used when virtual threads are unavailable (JDK 17-20) or off;
     * default {@value RestServer#DEFAULT_HANDLER_THREADS}.
     */
    public Builder handlerThreads(int handlerThreads) {
      if (handlerThreads < 1) {
        throw new IllegalArgumentException(
            "handlerThreads: " + handlerThreads + " (expected: > 0)");
      }
      this.handlerThreads = handlerThreads;
      return this;
    }

    /** Whether blocking handlers run on virtual threads when the JVM has them; default true. */
    public Builder virtualThreads(boolean virtualThreads) {
      this.virtualThreads = virtualThreads;
      return this;
    }

    /** The clock of deadlines, timeouts and durations; default {@link Ticker#system()}. */
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /** The JSON mapper of bodies and responses; default {@link Binder#defaultObjectMapper()}. */
    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = requireNonNull(objectMapper, "objectMapper");
      return this;
    }

    /** Renders every error response; default {@link ErrorHandler#defaults()} (go-zero's). */
    public Builder errorHandler(ErrorHandler errorHandler) {
      this.errorHandler = requireNonNull(errorHandler, "errorHandler");
      return this;
    }

    /** Wraps every {@link Response#json(Object)} value; default none. */
    public Builder okHandler(OkHandler okHandler) {
      this.okHandler = requireNonNull(okHandler, "okHandler");
      return this;
    }

    /**
     * The service name (go-zero's {@code Name}): names the per-minute stat line and the shedders;
     * default {@code host:port} as configured.
     */
    public Builder name(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /** Starts the {@link BuiltIn#TRACE} spans; default {@link Tracing#global()}. */
    public Builder tracing(Tracing tracing) {
      this.tracing = requireNonNull(tracing, "tracing");
      return this;
    }

    /** Route patterns that get no span (go-zero's {@code TraceIgnorePaths}); default none. */
    public Builder traceIgnorePaths(String... paths) {
      for (String path : requireNonNull(paths, "paths")) {
        traceIgnorePaths.add(requireNonNull(path, "path"));
      }
      return this;
    }

    /**
     * Where {@link BuiltIn#PROMETHEUS} records {@code http_server_requests_*}; default {@link
     * ZeroMeters#global()} (Micrometer's global registry).
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meters = ZeroMeters.of(requireNonNull(registry, "registry"));
      return this;
    }

    /**
     * Makes the {@link BuiltIn#BREAKER} breaker of each route from its name {@code METHOD://path};
     * default: {@link Breaker#of(String)}'s settings, on a clock that reads the request chain's own
     * two readings of the server's {@link #ticker(Ticker) ticker} instead of a clock of its own.
     * The server asks once per route and owns the breakers.
     */
    public Builder breakerFactory(Function<String, Breaker> breakerFactory) {
      this.breakerFactory = requireNonNull(breakerFactory, "breakerFactory");
      return this;
    }

    /**
     * The {@link BuiltIn#SHEDDING} CPU threshold in per mille (go-zero's {@code CpuThreshold});
     * default {@value AdaptiveShedder#DEFAULT_CPU_THRESHOLD}, 0 turns shedding off. Priority routes
     * use {@link AdaptiveShedder#priorityCpuThreshold(int)}.
     */
    public Builder cpuThreshold(int cpuThreshold) {
      if (cpuThreshold < 0 || cpuThreshold >= MAX_CPU) {
        throw new IllegalArgumentException(
            "cpuThreshold: " + cpuThreshold + " (expected: 0-" + (MAX_CPU - 1) + ")");
      }
      this.cpuThreshold = cpuThreshold;
      return this;
    }

    /** The CPU usage in per mille the shedders read; default zero-core's process sampler. */
    public Builder cpuUsage(IntSupplier cpuUsage) {
      this.cpuUsage = requireNonNull(cpuUsage, "cpuUsage");
      return this;
    }

    /**
     * The per-minute stat line fed by {@link BuiltIn#METRICS} and the drops of the breaker and
     * shedder; default {@code StatMetrics.of(name)}. The server closes it on {@link
     * RestServer#close()}.
     */
    public Builder statMetrics(StatMetrics statMetrics) {
      this.statMetrics = requireNonNull(statMetrics, "statMetrics");
      return this;
    }

    /** CORS around every request (go-zero's {@code WithCors}); default none. */
    public Builder cors(Cors cors) {
      this.cors = requireNonNull(cors, "cors");
      return this;
    }

    /** Serves files at a prefix before the routes (go-zero's {@code WithFileServer}). */
    public Builder staticFiles(StaticFiles staticFiles) {
      this.staticFiles.add(requireNonNull(staticFiles, "staticFiles"));
      return this;
    }

    /** Switches built-in middlewares off (go-zero's {@code Middlewares: {Xxx: false}}). */
    public Builder disable(BuiltIn... builtIns) {
      for (BuiltIn builtIn : requireNonNull(builtIns, "builtIns")) {
        this.builtIns.remove(requireNonNull(builtIn, "builtIn"));
      }
      return this;
    }

    /** Switches built-in middlewares back on; all are on by default. */
    public Builder enable(BuiltIn... builtIns) {
      for (BuiltIn builtIn : requireNonNull(builtIns, "builtIns")) {
        this.builtIns.add(requireNonNull(builtIn, "builtIn"));
      }
      return this;
    }

    /** Adds a middleware around every route, inside the built-ins and JWT (go-zero's Use). */
    public Builder use(Middleware middleware) {
      uses.add(requireNonNull(middleware, "middleware"));
      return this;
    }

    /** Adds a route with the server's options. */
    public Builder route(HttpMethod method, String path, Handler handler) {
      return group(RouteGroup.builder().route(method, path, handler).build());
    }

    /** Adds the routes of {@code group}. */
    public Builder group(RouteGroup group) {
      routes.addAll(requireNonNull(group, "group").routes());
      return this;
    }

    /**
     * The server, not started.
     *
     * @throws IllegalStateException without a port
     * @throws io.github.zero4j.rest.router.DuplicateRouteException naming a route registered twice
     */
    public RestServer build() {
      if (port < 0) {
        throw new IllegalStateException("port: not set (expected: 0-" + MAX_PORT + ", 0 for any)");
      }
      Router.Builder<Route> router = Router.builder();
      for (Route route : routes) {
        router.add(route.method().name(), route.path(), route);
      }
      Duration derivedRead = Duration.ZERO;
      Duration derivedWrite = Duration.ZERO;
      Duration longest = longestTimeout();
      if (!longest.isZero()) {
        derivedRead = percent(longest, READ_TIMEOUT_PERCENT);
        derivedWrite = percent(longest, WRITE_TIMEOUT_PERCENT);
      }
      Duration read = readTimeout != null ? readTimeout : derivedRead;
      Duration write = writeTimeout != null ? writeTimeout : derivedWrite;
      Duration idle = idleTimeout != null ? idleTimeout : read;
      ServerConfig config =
          new ServerConfig(
              host, port, ioThreads, maxHeaderBytes, read, write, idle, shutdownWaitTime, ticker);
      return new RestServer(this, List.copyOf(routes), router.build(), config);
    }

    /** The largest route timeout, or zero when some route (or the server) has none. */
    private Duration longestTimeout() {
      if (!builtIns.contains(BuiltIn.TIMEOUT) || timeout.isZero()) {
        return Duration.ZERO;
      }
      Duration longest = timeout;
      for (Route route : routes) {
        Duration own = route.timeout().orElse(timeout);
        if (own.isZero()) {
          return Duration.ZERO;
        }
        if (own.compareTo(longest) > 0) {
          longest = own;
        }
      }
      return longest;
    }

    private static Duration percent(Duration duration, long percent) {
      return Duration.ofNanos(duration.toNanos() / 100 * percent);
    }

    private static Duration nonNegative(String name, Duration value) {
      requireNonNull(value, name);
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
      }
      return value;
    }
  }
}
