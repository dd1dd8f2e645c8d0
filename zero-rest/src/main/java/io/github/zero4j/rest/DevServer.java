package io.github.zero4j.rest;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * go-zero's DevServer (internal/devserver): a small plain-HTTP server on its own port, itself a
 * {@link RestServer} with only the MAX_CONNS, RECOVER, MAX_BYTES and GUNZIP built-ins, serving
 *
 * <ul>
 *   <li>{@code /} - the JSON list of its routes;
 *   <li>the health path (default {@value #DEFAULT_HEALTH_PATH}) - 200 with {@code OK} when every
 *       registered probe is ready, else 503 with one {@code "<name> is ready|not ready"} line per
 *       probe. With no probe it is not ready, as go-zero. A {@link RestServer} registered with
 *       {@link Builder#probe(RestServer)} is ready from {@code start()} until its {@code close()}
 *       begins, so the path answers 503 during start and drain;
 *   <li>the metrics path (default {@value #DEFAULT_METRICS_PATH}) - the Prometheus text of a {@link
 *       PrometheusMeterRegistry}; by default one added to Micrometer's global registry on start
 *       (and removed on close), which switches recording on for every {@code ZeroMeters} user, as
 *       go-zero's {@code EnableMetrics} does process-wide;
 *   <li>{@value #THREADS_PATH} - a thread dump in text (go-zero's pprof goroutine dump; the JVM has
 *       no pprof), when pprof is enabled.
 * </ul>
 *
 * <p>Thread-safe: probes may be added while it serves.
 */
public final class DevServer implements AutoCloseable {
  /** go-zero's DevServer port. */
  public static final int DEFAULT_PORT = 6060;

  /** go-zero's {@code MetricsPath}. */
  public static final String DEFAULT_METRICS_PATH = "/metrics";

  /** go-zero's {@code HealthPath}. */
  public static final String DEFAULT_HEALTH_PATH = "/healthz";

  /** go-zero's {@code HealthResponse}. */
  public static final String DEFAULT_HEALTH_RESPONSE = "OK";

  /** Where the thread dump is served. */
  public static final String THREADS_PATH = "/debug/threads";

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final int OK = 200;
  private static final int SERVICE_UNAVAILABLE = 503;

  private final RestServer server;
  private final List<Probe> probes;
  private final @Nullable PrometheusMeterRegistry ownRegistry;

  private DevServer(RestServer server, List<Probe> probes, @Nullable PrometheusMeterRegistry own) {
    this.server = server;
    this.probes = probes;
    this.ownRegistry = own;
  }

  /** A builder with go-zero's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder set from go-zero's {@code DevServer} block. */
  public static Builder builder(RestConf.DevServerConf conf) {
    requireNonNull(conf, "conf");
    return new Builder()
        .host(conf.host().isEmpty() ? "0.0.0.0" : conf.host())
        .port(conf.port())
        .metricsPath(conf.metricsPath())
        .healthPath(conf.healthPath())
        .healthResponse(conf.healthResponse())
        .enableMetrics(conf.enableMetrics())
        .enablePprof(conf.enablePprof());
  }

  /** Binds the port and starts serving. */
  public DevServer start() {
    PrometheusMeterRegistry own = ownRegistry;
    if (own != null) {
      Metrics.addRegistry(own);
    }
    try {
      server.start();
    } catch (RuntimeException | Error e) {
      if (own != null) {
        Metrics.removeRegistry(own);
      }
      throw e;
    }
    return this;
  }

  /** The bound port. */
  public int port() {
    return server.port();
  }

  /** Adds a readiness probe (any thread). */
  public DevServer probe(String name, BooleanSupplier ready) {
    requireNonNull(name, "name");
    probes.add(new Probe(() -> name, requireNonNull(ready, "ready")));
    return this;
  }

  /** Adds {@code rest} as probe {@code rest-<host>:<port>}, ready while it serves. */
  public DevServer probe(RestServer rest) {
    requireNonNull(rest, "rest");
    probes.add(new Probe(rest::probeName, rest::isReady));
    return this;
  }

  /** Stops serving; removes its own registry from the global one. Idempotent. */
  @Override
  public void close() {
    server.close();
    PrometheusMeterRegistry own = ownRegistry;
    if (own != null) {
      Metrics.removeRegistry(own);
      own.close();
    }
  }

  @Override
  public String toString() {
    return "DevServer" + server.toString().substring("RestServer".length());
  }

  static Response health(List<Probe> probes, String healthResponse) {
    boolean ready = !probes.isEmpty();
    StringBuilder lines = new StringBuilder();
    for (Probe probe : probes) {
      boolean up = probe.ready().getAsBoolean();
      ready &= up;
      lines.append(probe.name().get()).append(up ? " is ready" : " is not ready").append('\n');
    }
    if (ready) {
      return Response.text(OK, healthResponse);
    }
    return Response.text(
        SERVICE_UNAVAILABLE, probes.isEmpty() ? "Service Unavailable" : lines.toString());
  }

  static Response threads() {
    ThreadInfo[] infos = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
    StringBuilder out = new StringBuilder(infos.length * 256);
    for (ThreadInfo info : infos) {
      out.append('"')
          .append(info.getThreadName())
          .append("\" #")
          .append(info.getThreadId())
          .append(info.isDaemon() ? " daemon " : " ")
          .append(info.getThreadState());
      LockInfo lock = info.getLockInfo();
      if (lock != null) {
        out.append(" on ").append(lock);
      }
      out.append('\n');
      for (StackTraceElement frame : info.getStackTrace()) {
        out.append("\tat ").append(frame).append('\n');
      }
      out.append('\n');
    }
    return Response.bytes(OK, Response.TEXT_PLAIN, out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** A named readiness check. */
  record Probe(Supplier<String> name, BooleanSupplier ready) {}

  /** Builds a {@link DevServer}; not thread-safe. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = DEFAULT_PORT;
    private String metricsPath = DEFAULT_METRICS_PATH;
    private String healthPath = DEFAULT_HEALTH_PATH;
    private String healthResponse = DEFAULT_HEALTH_RESPONSE;
    private boolean enableMetrics = true;
    private boolean enablePprof = true;
    private @Nullable PrometheusMeterRegistry registry;

    private Builder() {}

    /** The address to bind; default {@code 0.0.0.0}. */
    public Builder host(String host) {
      this.host = requireNonNull(host, "host");
      return this;
    }

    /** The port; default {@value DevServer#DEFAULT_PORT}, 0 for any free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Default {@value DevServer#DEFAULT_METRICS_PATH}. */
    public Builder metricsPath(String metricsPath) {
      this.metricsPath = requireNonNull(metricsPath, "metricsPath");
      return this;
    }

    /** Default {@value DevServer#DEFAULT_HEALTH_PATH}. */
    public Builder healthPath(String healthPath) {
      this.healthPath = requireNonNull(healthPath, "healthPath");
      return this;
    }

    /** The 200 body of the health path; default {@value DevServer#DEFAULT_HEALTH_RESPONSE}. */
    public Builder healthResponse(String healthResponse) {
      this.healthResponse = requireNonNull(healthResponse, "healthResponse");
      return this;
    }

    /** Whether the metrics path is served; default true. */
    public Builder enableMetrics(boolean enableMetrics) {
      this.enableMetrics = enableMetrics;
      return this;
    }

    /** Whether {@value DevServer#THREADS_PATH} is served; default true. */
    public Builder enablePprof(boolean enablePprof) {
      this.enablePprof = enablePprof;
      return this;
    }

    /**
     * The registry the metrics path scrapes, which the application then passes to its servers
     * ({@link RestServer.Builder#meterRegistry}); default a new one added to Micrometer's global
     * registry while the dev server runs.
     */
    public Builder registry(PrometheusMeterRegistry registry) {
      this.registry = requireNonNull(registry, "registry");
      return this;
    }

    /** The dev server, not started. */
    public DevServer build() {
      PrometheusMeterRegistry own = null;
      PrometheusMeterRegistry scraped = registry;
      if (enableMetrics && scraped == null) {
        own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        scraped = own;
      }
      List<Probe> probes = new CopyOnWriteArrayList<>();
      List<String> paths = new ArrayList<>();
      RestServer.Builder rest =
          RestServer.builder()
              .name("devserver")
              .host(host)
              .port(port)
              .disable(
                  BuiltIn.TRACE,
                  BuiltIn.LOG,
                  BuiltIn.PROMETHEUS,
                  BuiltIn.BREAKER,
                  BuiltIn.SHEDDING,
                  BuiltIn.TIMEOUT,
                  BuiltIn.METRICS);
      String response = healthResponse;
      rest.route(HttpMethod.GET, healthPath, r -> health(probes, response));
      paths.add(healthPath);
      if (scraped != null) {
        PrometheusMeterRegistry target = scraped;
        rest.route(
            HttpMethod.GET,
            metricsPath,
            r ->
                Response.bytes(
                    OK, PROMETHEUS_TEXT, target.scrape().getBytes(StandardCharsets.UTF_8)));
        paths.add(metricsPath);
      }
      if (enablePprof) {
        rest.route(HttpMethod.GET, THREADS_PATH, r -> threads());
        paths.add(THREADS_PATH);
      }
      List<String> listed = List.copyOf(paths);
      rest.route(HttpMethod.GET, "/", r -> Response.json(Map.of("routes", listed)));
      return new DevServer(rest.build(), probes, own);
    }
  }
}
