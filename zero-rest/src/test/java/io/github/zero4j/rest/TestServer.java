package io.github.zero4j.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/** A started {@link RestServer} on a free loopback port, with an HTTP client pointed at it. */
final class TestServer implements AutoCloseable {
  final RestServer server;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private TestServer(RestServer server) {
    this.server = server;
  }

  /** Starts a server configured by {@code configure} on 127.0.0.1 and a free port. */
  static TestServer start(Consumer<RestServer.Builder> configure) {
    // The shedder reads an idle CPU: a busy build machine must not shed the tests' requests.
    // Tests of SHEDDING set their own cpuUsage.
    RestServer.Builder builder =
        RestServer.builder().host("127.0.0.1").port(0).ioThreads(2).cpuUsage(() -> 0);
    configure.accept(builder);
    return new TestServer(builder.build().start());
  }

  int port() {
    return server.port();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery).GET().build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
