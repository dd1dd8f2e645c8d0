package io.github.zero4j.core.conf;

import java.util.Map;
import java.util.Optional;

/** go-zero's service.ServiceConf (core/service/serviceconf.go), as a zero4j user would port it. */
record ServiceConfExample(
    String name,
    LogConf log,
    @Default("pro") @Options({"dev", "test", "rt", "pre", "pro"}) String mode,
    @OptionalKey String metricsUrl,
    Optional<PrometheusConf> prometheus,
    Optional<TelemetryConf> telemetry) {

  /** logx.LogConf. */
  record LogConf(
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

  /** prometheus.Config. */
  record PrometheusConf(
      @OptionalKey String host, @Default("9101") int port, @Default("/metrics") String path) {}

  /** trace.Config; looklook's pinned go-zero still knew the jaeger batcher. */
  record TelemetryConf(
      @OptionalKey String name,
      @OptionalKey String endpoint,
      @Default("1.0") @Range("[0:1]") double sampler,
      @Default("otlpgrpc") @Options({"jaeger", "zipkin", "otlpgrpc", "otlphttp", "file"})
          String batcher,
      @OptionalKey Map<String, String> otlpHeaders,
      @OptionalKey String otlpHttpPath,
      @OptionalKey boolean otlpHttpSecure,
      @OptionalKey boolean disabled) {}
}
