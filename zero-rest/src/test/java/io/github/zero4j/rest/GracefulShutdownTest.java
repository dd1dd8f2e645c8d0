package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.testing.FreePorts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {
  private static final long SAFETY_SECONDS = 20;

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(SAFETY_SECONDS, TimeUnit.SECONDS)).as("latch").isTrue();
  }

  /** Spins until {@code condition} holds: a state observed, not a time waited (20 s safety). */
  private static void until(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SAFETY_SECONDS);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("condition never held").isNegative();
      Thread.onSpinWait();
    }
  }

  @Test
  void close_letsEveryRequestInFlightFinish() throws Exception {
    int inFlight = 8;
    CountDownLatch entered = new CountDownLatch(inFlight);
    CountDownLatch release = new CountDownLatch(1);
    TestServer server =
        TestServer.start(
            b ->
                b.shutdownWaitTime(Duration.ofSeconds(SAFETY_SECONDS))
                    .route(
                        HttpMethod.GET,
                        "/work/:n",
                        r -> {
                          entered.countDown();
                          await(release);
                          return Response.text("done " + r.pathParam("n"));
                        }));
    int port = server.port();
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      responses.add(
          server.client.sendAsync(
              server.request("/work/" + i).build(), HttpResponse.BodyHandlers.ofString()));
    }
    await(entered);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
    until(() -> !server.server.isReady());
    until(() -> !FreePorts.isListening(port));
    assertThat(closing).isNotDone();

    release.countDown();
    for (int i = 0; i < inFlight; i++) {
      HttpResponse<String> response = responses.get(i).get(SAFETY_SECONDS, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("done " + i);
      assertThat(response.headers().firstValue("Connection")).contains("close");
    }
    closing.get(SAFETY_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void close_closesIdleKeepAliveConnectionsAtOnce() throws Exception {
    TestServer server =
        TestServer.start(
            b -> b.idleTimeout(Duration.ZERO).route(HttpMethod.GET, "/a", r -> Response.ok()));
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(raw.read().status).isEqualTo(200);
      server.close();
      assertThat(raw.closedByServer()).isTrue();
    }
  }

  @Test
  void close_afterTheWaitTime_closesWhatIsLeft() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TestServer server =
        TestServer.start(
            b ->
                b.shutdownWaitTime(Duration.ofMillis(100))
                    .timeout(Duration.ZERO)
                    .route(
                        HttpMethod.GET,
                        "/stuck",
                        r -> {
                          entered.countDown();
                          await(release);
                          return Response.ok();
                        }));
    try {
      CompletableFuture<HttpResponse<String>> stuck =
          server.client.sendAsync(
              server.request("/stuck").build(), HttpResponse.BodyHandlers.ofString());
      await(entered);
      server.close();
      assertThatThrownBy(() -> stuck.get(SAFETY_SECONDS, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IOException.class);
    } finally {
      release.countDown();
    }
  }

  @Test
  void registerShutdownHook_isUndoneByClose() {
    RestServer server =
        RestServer.builder()
            .host("127.0.0.1")
            .port(0)
            .route(HttpMethod.GET, "/", r -> Response.ok())
            .build();
    assertThat(server.start().registerShutdownHook()).isSameAs(server);
    assertThat(server.registerShutdownHook()).isSameAs(server);
    server.close();
    assertThat(server.isReady()).isFalse();
  }
}
