package io.github.zero4j.rest;

import io.github.zero4j.core.conf.ByteSize;
import io.github.zero4j.core.conf.Default;
import io.github.zero4j.core.conf.Inline;
import io.github.zero4j.core.conf.OptionalKey;
import io.github.zero4j.core.conf.Options;
import io.github.zero4j.core.conf.Range;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * go-zero's {@code rest.RestConf} (rest/config.go) with its keys, defaults, options and ranges, so
 * an unchanged go-zero {@code etc/*.yaml} binds through {@code
 * io.github.zero4j.core.conf.Conf.load}. A service inlines it beside its own keys, as go-zero
 * embeds it:
 *
 * <pre>{@code
 * record UserApiConf(@Inline RestConf rest, JwtAuthConf jwtAuth) {}
 * UserApiConf conf = Conf.load(Path.of("etc/usercenter-api.yaml"), UserApiConf.class);
 * RestServer server = RestServer.builder(conf.rest()).route(...).build().start();
 * }</pre>
 *
 * <p>{@link RestServer#builder(RestConf)} applies every key this version serves; {@code CertFile}
 * and {@code KeyFile} (TLS) are refused there, and {@code Verbose}, {@code Signature}, {@code Log},
 * {@code MetricsUrl}, {@code Prometheus} and {@code Telemetry} are bound for the application and
 * other components to use (the server reads none of them).
 *
 * @param service go-zero's {@code service.ServiceConf}, inlined
 * @param host the address to bind; default {@code 0.0.0.0}
 * @param port the port; required
 * @param certFile TLS certificate; optional
 * @param keyFile TLS key; optional
 * @param verbose go-zero's detailed request/response log; optional
 * @param maxConns requests in flight per route; default 10000, 0 or less turns it off
 * @param maxBytes the body limit; default 1048576 (1 MiB), 0 or less turns it off
 * @param timeout the route timeout; default 3000 (ms), 0 turns it off
 * @param cpuThreshold the shedder's CPU threshold in per mille; default 900, range [0, 1000), 0
 *     turns shedding off
 * @param signature go-zero's content-security settings; optional
 * @param middlewares the built-in switches, each on by default
 * @param traceIgnorePaths route patterns that get no span; optional
 */
public record RestConf(
    @Inline ServiceConf service,
    @Default("0.0.0.0") String host,
    int port,
    @OptionalKey String certFile,
    @OptionalKey String keyFile,
    @OptionalKey boolean verbose,
    @Default("10000") int maxConns,
    @Default("1048576") @ByteSize long maxBytes,
    @Default("3000") Duration timeout,
    @Default("900") @Range("[0:1000)") int cpuThreshold,
    Optional<SignatureConf> signature,
    MiddlewaresConf middlewares,
    @OptionalKey List<String> traceIgnorePaths) {

  /** go-zero's {@code Mode} in production: the only mode with the adaptive shedder on. */
  public static final String MODE_PRO = "pro";

  /**
   * go-zero's {@code service.ServiceConf} (core/service/serviceconf.go).
   *
   * @param name the service name: names the stat line and the shedders; required
   * @param log logx settings
   * @param mode dev, test, rt, pre or pro (default); outside pro go-zero turns shedding off
   * @param metricsUrl where the per-minute stat report is POSTed; optional
   * @param prometheus the deprecated standalone Prometheus agent; optional
   * @param telemetry the OpenTelemetry exporter settings; optional
   * @param devServer the dev server; optional, and absent means off (go-zero's catch)
   * @param shutdown the graceful-stop timings
   */
  public record ServiceConf(
      String name,
      LogConf log,
      @Default(MODE_PRO) @Options({"dev", "test", "rt", "pre", "pro"}) String mode,
      @OptionalKey String metricsUrl,
      Optional<PrometheusConf> prometheus,
      Optional<TelemetryConf> telemetry,
      Optional<DevServerConf> devServer,
      ShutdownConf shutdown) {}

  /** go-zero's {@code logx.LogConf}. */
  public record LogConf(
      @OptionalKey String serviceName,
      @Default("console") @Options({"console", "file", "volume"}) String mode,
      @Default("json") @Options({"json", "plain"}) String encoding,
      @OptionalKey String timeFormat,
      @Default("logs") String path,
      @Default("info") @Options({"debug", "info", "error", "severe"}) String level,
      @OptionalKey long maxContentLength,
      @OptionalKey boolean compress,
      @Default("true") boolean stat,
      @OptionalKey int keepDays,
      @Default("100") int stackCooldownMillis,
      @Default("0") int maxBackups,
      @Default("0") int maxSize,
      @Default("daily") @Options({"daily", "size"}) String rotation) {}

  /** go-zero's {@code prometheus.Config}. */
  public record PrometheusConf(
      @OptionalKey String host, @Default("9101") int port, @Default("/metrics") String path) {}

  /** go-zero's {@code trace.Config}; {@code jaeger} is accepted for files of older go-zero. */
  public record TelemetryConf(
      @OptionalKey String name,
      @OptionalKey String endpoint,
      @Default("1.0") @Range("[0:1]") double sampler,
      @Default("otlpgrpc") @Options({"jaeger", "zipkin", "otlpgrpc", "otlphttp", "file"})
          String batcher,
      @OptionalKey Map<String, String> otlpHeaders,
      @OptionalKey String otlpHttpPath,
      @OptionalKey boolean otlpHttpSecure,
      @OptionalKey boolean disabled) {}

  /** go-zero's {@code devserver.Config} (internal/devserver). */
  public record DevServerConf(
      @Default("true") boolean enabled,
      @OptionalKey String host,
      @Default("6060") int port,
      @Default("/metrics") String metricsPath,
      @Default("/healthz") String healthPath,
      @Default("true") boolean enableMetrics,
      @Default("true") boolean enablePprof,
      @Default("OK") String healthResponse) {}

  /** go-zero's {@code proc.ShutdownConf}. */
  public record ShutdownConf(
      @Default("1s") Duration wrapUpTime, @Default("5500ms") Duration waitTime) {}

  /** go-zero's {@code rest.SignatureConf}. */
  public record SignatureConf(
      @Default("false") boolean strict,
      @Default("1h") Duration expiry,
      List<PrivateKeyConf> privateKeys) {}

  /** go-zero's {@code rest.PrivateKeyConf}. */
  public record PrivateKeyConf(String fingerprint, String keyFile) {}

  /** go-zero's {@code rest.MiddlewaresConf}: every built-in on unless switched off. */
  public record MiddlewaresConf(
      @Default("true") boolean trace,
      @Default("true") boolean log,
      @Default("true") boolean prometheus,
      @Default("true") boolean maxConns,
      @Default("true") boolean breaker,
      @Default("true") boolean shedding,
      @Default("true") boolean timeout,
      @Default("true") boolean recover,
      @Default("true") boolean metrics,
      @Default("true") boolean maxBytes,
      @Default("true") boolean gunzip) {

    /** Whether {@code builtIn} is switched on. */
    public boolean enabled(BuiltIn builtIn) {
      return switch (builtIn) {
        case TRACE -> trace;
        case LOG -> log;
        case PROMETHEUS -> prometheus;
        case MAX_CONNS -> maxConns;
        case BREAKER -> breaker;
        case SHEDDING -> shedding;
        case TIMEOUT -> timeout;
        case RECOVER -> recover;
        case METRICS -> metrics;
        case MAX_BYTES -> maxBytes;
        case GUNZIP -> gunzip;
      };
    }
  }
}
