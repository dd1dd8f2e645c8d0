package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DevServerTest {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static DevServer.Builder dev() {
    return DevServer.builder().host("127.0.0.1").port(0);
  }

  private static RestServer.Builder rest() {
    return RestServer.builder()
        .host("127.0.0.1")
        .port(0)
        .ioThreads(1)
        .cpuUsage(() -> 0)
        .route(HttpMethod.GET, "/users/:id", r -> Response.text("ok"));
  }

  @Test
  void healthz_isReadyOnlyWhileEveryProbeIs_503DuringStartAndDrain() throws Exception {
    RestServer server = rest().build();
    try (DevServer dev = dev().build().start()) {
      HttpResponse<String> none = get(dev.port(), "/healthz");
      assertThat(none.statusCode()).isEqualTo(503);

      dev.probe(server);
      HttpResponse<String> starting = get(dev.port(), "/healthz");
      assertThat(starting.statusCode()).isEqualTo(503);
      assertThat(starting.body()).contains("rest-127.0.0.1:").contains("is not ready");

      server.start();
      HttpResponse<String> up = get(dev.port(), "/healthz");
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body()).isEqualTo("OK");

      dev.probe("db", () -> false);
      HttpResponse<String> oneDown = get(dev.port(), "/healthz");
      assertThat(oneDown.statusCode()).isEqualTo(503);
      assertThat(oneDown.body()).contains("is ready").contains("db is not ready");
    } finally {
      server.close();
    }
  }

  @Test
  void healthz_goesNotReadyWhenTheServerCloses() throws Exception {
    RestServer server = rest().build().start();
    try (DevServer dev = dev().build().start().probe(server)) {
      assertThat(get(dev.port(), "/healthz").statusCode()).isEqualTo(200);
      server.close();
      assertThat(get(dev.port(), "/healthz").statusCode()).isEqualTo(503);
    }
  }

  @Test
  void metrics_servesGoZeroNamesInPrometheusText_withoutDoubledSuffixes() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (DevServer dev = dev().registry(registry).build().start();
        RestServer server = rest().meterRegistry(registry).build().start()) {
      assertThat(get(server.port(), "/users/7").statusCode()).isEqualTo(200);

      HttpResponse<String> metrics = get(dev.port(), "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(metrics.body())
          .contains("http_server_requests_duration_ms_bucket{")
          .contains("http_server_requests_duration_ms_count{")
          .contains("http_server_requests_code_total{")
          .contains("path=\"/users/:id\"")
          .contains("code=\"200\"")
          .doesNotContain("_total_total")
          .doesNotContain("duration_ms_milliseconds");
    }
  }

  @Test
  void metrics_byDefault_switchesOnRecordingThroughTheGlobalRegistry() throws Exception {
    try (DevServer dev = dev().build().start();
        RestServer server = rest().build().start()) {
      assertThat(get(server.port(), "/users/8").statusCode()).isEqualTo(200);
      assertThat(get(dev.port(), "/metrics").body())
          .contains("http_server_requests_code_total{")
          .contains("path=\"/users/:id\"");
    }
  }

  @Test
  void threads_dumpsEveryThreadWithItsStack() throws Exception {
    try (DevServer dev = dev().build().start()) {
      HttpResponse<String> dump = get(dev.port(), "/debug/threads");
      assertThat(dump.statusCode()).isEqualTo(200);
      assertThat(dump.body())
          .contains("\"" + Thread.currentThread().getName() + "\"")
          .contains("\tat ");
    }
  }

  @Test
  void fromConf_takesGoZeroPaths() throws Exception {
    RestConf.DevServerConf conf =
        new RestConf.DevServerConf(true, "127.0.0.1", 0, "/m", "/h", true, false, "fine");
    try (DevServer dev = DevServer.builder(conf).build().start()) {
      dev.probe("x", () -> true);
      assertThat(get(dev.port(), "/h").body()).isEqualTo("fine");
      assertThat(get(dev.port(), "/m").statusCode()).isEqualTo(200);
      assertThat(get(dev.port(), "/debug/threads").statusCode()).isEqualTo(404);
      assertThat(get(dev.port(), "/").body()).contains("/h").contains("/m");
    }
  }
}
