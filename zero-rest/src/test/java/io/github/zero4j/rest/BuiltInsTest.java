package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.zero4j.core.timex.FakeTicker;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BuiltInsTest {
  /** Safety net for latches: a hung test fails instead of hanging, never a synchronisation. */
  private static final long SAFETY_SECONDS = 20;

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(SAFETY_SECONDS, TimeUnit.SECONDS)).as("latch").isTrue();
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  // ---- MAX_BYTES -------------------------------------------------------------------------------

  @Test
  void declaredBodyOverMaxBytes_is413WithoutReadingIt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (TestServer server =
            TestServer.start(
                b ->
                    b.maxBytes(1000)
                        .route(
                            HttpMethod.POST,
                            "/up",
                            r -> {
                              calls.incrementAndGet();
                              return Response.ok();
                            }));
        RawHttp raw = new RawHttp(server.port())) {
      raw.send("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n");
      RawHttp.Reply reply = raw.read();
      assertThat(reply.status).isEqualTo(413);
      assertThat(reply.header("Connection")).isEqualTo("close");
      assertThat(raw.closedByServer()).isTrue();
      assertThat(calls).hasValue(0);
    }
  }

  @Test
  void declaredBodyOverMaxBytes_clientSendingItAnyway_stillReadsThe413() throws Exception {
    // The client writes its whole body before reading. The server stopped reading at the head:
    // closing at once would reset the connection and lose the 413 (Go's closeWriteAndWait).
    try (TestServer server =
            TestServer.start(
                b -> b.maxBytes(1000).route(HttpMethod.POST, "/up", r -> Response.ok()));
        RawHttp raw = new RawHttp(server.port())) {
      // More than the socket buffers hold: without the server draining, the write would fail.
      int size = 16 << 20;
      raw.send("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n");
      raw.send(new byte[size]);
      RawHttp.Reply reply = raw.read();
      assertThat(reply.status).isEqualTo(413);
      assertThat(reply.header("Connection")).isEqualTo("close");
    }
  }

  @Test
  void chunkedBodyOverMaxBytes_is413() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (TestServer server =
            TestServer.start(
                b ->
                    b.maxBytes(1000)
                        .route(
                            HttpMethod.POST,
                            "/up",
                            r -> {
                              calls.incrementAndGet();
                              return Response.ok();
                            }));
        RawHttp raw = new RawHttp(server.port())) {
      String chunk = "a".repeat(600);
      raw.send(
          "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "258\r\n"
              + chunk
              + "\r\n"
              + "258\r\n"
              + chunk
              + "\r\n");
      RawHttp.Reply reply = raw.read();
      assertThat(reply.status).isEqualTo(413);
      assertThat(raw.closedByServer()).isTrue();
      assertThat(calls).hasValue(0);
    }
  }

  @Test
  void chunkedBodyWithinMaxBytes_reachesTheHandler() throws Exception {
    try (TestServer server =
            TestServer.start(
                b ->
                    b.maxBytes(1000)
                        .route(HttpMethod.POST, "/up", r -> Response.text(r.bodyString())));
        RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          String.join(
              "\r\n",
              "POST /up HTTP/1.1",
              "Host: x",
              "Transfer-Encoding: chunked",
              "",
              "5",
              "hello",
              "6",
              " world",
              "0",
              "",
              ""));
      assertThat(raw.read().body).isEqualTo("hello world");
    }
  }

  @Test
  void groupMaxBytes_replacesTheServers() {
    RouteGroup big =
        RouteGroup.builder()
            .maxBytes(10_000)
            .route(HttpMethod.POST, "/big", r -> Response.text("" + r.bodyLength()))
            .build();
    try (TestServer server =
        TestServer.start(
            b -> b.maxBytes(100).group(big).route(HttpMethod.POST, "/small", r -> Response.ok()))) {
      String body = "x".repeat(5000);
      assertThat(
              server
                  .send(
                      server
                          .request("/big")
                          .POST(HttpRequest.BodyPublishers.ofString(body))
                          .build())
                  .body())
          .isEqualTo("5000");
      assertThat(
              server
                  .send(
                      server
                          .request("/small")
                          .POST(HttpRequest.BodyPublishers.ofString("x".repeat(101)))
                          .build())
                  .statusCode())
          .isEqualTo(413);
    }
  }

  @Test
  void expectContinue_only100WhenTheDeclaredLengthFits() throws Exception {
    try (TestServer server =
        TestServer.start(
            b ->
                b.maxBytes(10).route(HttpMethod.POST, "/up", r -> Response.text(r.bodyString())))) {
      try (RawHttp raw = new RawHttp(server.port())) {
        raw.send(
            "POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
        assertThat(raw.read().status).isEqualTo(100);
        raw.send("hello");
        assertThat(raw.read().body).isEqualTo("hello");
      }
      try (RawHttp raw = new RawHttp(server.port())) {
        raw.send(
            "POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 50\r\n\r\n");
        assertThat(raw.read().status).isEqualTo(413);
      }
      try (RawHttp raw = new RawHttp(server.port())) {
        raw.send(
            "POST /up HTTP/1.1\r\nHost: x\r\nExpect: a-pony\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(raw.read().status).isEqualTo(417);
      }
    }
  }

  // ---- GUNZIP ----------------------------------------------------------------------------------

  @Test
  void gzipBody_isInflatedForTheHandler() throws Exception {
    try (TestServer server =
        TestServer.start(
            b ->
                b.route(
                    HttpMethod.POST,
                    "/z",
                    r ->
                        Response.text(
                            r.bodyString() + "|" + r.header("Content-Encoding").orElse("-"))))) {
      HttpResponse<String> response =
          server.send(
              server
                  .request("/z")
                  .header("Content-Encoding", "gzip")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(gzip("inflated text")))
                  .build());
      assertThat(response.body()).isEqualTo("inflated text|-");
    }
  }

  @Test
  void badGzipBody_is400() {
    try (TestServer server =
        TestServer.start(b -> b.route(HttpMethod.POST, "/z", r -> Response.ok()))) {
      HttpResponse<String> response =
          server.send(
              server
                  .request("/z")
                  .header("Content-Encoding", "gzip")
                  .POST(HttpRequest.BodyPublishers.ofString("not gzip at all"))
                  .build());
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).isEmpty();
    }
  }

  @Test
  void gzipBodyInflatingOverMaxBytes_is413() throws Exception {
    try (TestServer server =
        TestServer.start(b -> b.maxBytes(1000).route(HttpMethod.POST, "/z", r -> Response.ok()))) {
      byte[] bomb = gzip("0".repeat(100_000));
      assertThat(bomb.length).isLessThan(1000);
      HttpResponse<String> response =
          server.send(
              server
                  .request("/z")
                  .header("Content-Encoding", "gzip")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(bomb))
                  .build());
      assertThat(response.statusCode()).isEqualTo(413);
    }
  }

  @Test
  void gunzipOff_leavesTheBodyCompressed() throws Exception {
    byte[] compressed = gzip("abc");
    try (TestServer server =
        TestServer.start(
            b ->
                b.disable(BuiltIn.GUNZIP)
                    .route(HttpMethod.POST, "/z", r -> Response.text("" + r.bodyLength())))) {
      HttpResponse<String> response =
          server.send(
              server
                  .request("/z")
                  .header("Content-Encoding", "gzip")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(compressed))
                  .build());
      assertThat(response.body()).isEqualTo("" + compressed.length);
    }
  }

  // ---- MAX_CONNS -------------------------------------------------------------------------------

  @Test
  void maxConns_rejectsWith503WhileTheRouteIsFull() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (LogCapture access = LogCapture.of("io.github.zero4j.rest.access", Level.INFO);
        TestServer server =
            TestServer.start(
                b ->
                    b.maxConns(1)
                        .route(
                            HttpMethod.GET,
                            "/busy",
                            r -> {
                              entered.countDown();
                              await(release);
                              return Response.text("done");
                            })
                        .route(HttpMethod.GET, "/other", r -> Response.text("other")))) {
      CompletableFuture<HttpResponse<String>> first =
          server.client.sendAsync(
              server.request("/busy").build(), HttpResponse.BodyHandlers.ofString());
      await(entered);
      HttpResponse<String> rejected = server.get("/busy");
      assertThat(rejected.statusCode()).isEqualTo(503);
      assertThat(rejected.body()).isEmpty();
      // The limit is per route, as in go-zero.
      assertThat(server.get("/other").body()).isEqualTo("other");
      release.countDown();
      assertThat(first.get(SAFETY_SECONDS, TimeUnit.SECONDS).body()).isEqualTo("done");
      assertThat(server.get("/busy").statusCode()).isEqualTo(200);
      ILoggingEvent line = access.await(e -> e.getFormattedMessage().startsWith("[HTTP] 503"));
      // 5xx lines are errors with a dump of the request after the first line, as in go-zero.
      assertThat(line.getLevel()).isEqualTo(Level.ERROR);
      assertThat(line.getFormattedMessage().lines().findFirst().orElseThrow())
          .endsWith(" - concurrent connections over 1, rejected with code 503");
      assertThat(line.getFormattedMessage()).contains("\nGET /busy\n");
    }
  }

  @Test
  void maxConnsOff_letsEveryRequestIn() throws Exception {
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    try (TestServer server =
        TestServer.start(
            b ->
                b.maxConns(1)
                    .disable(BuiltIn.MAX_CONNS)
                    .route(
                        HttpMethod.GET,
                        "/busy",
                        r -> {
                          entered.countDown();
                          await(release);
                          return Response.ok();
                        }))) {
      CompletableFuture<HttpResponse<String>> first =
          server.client.sendAsync(
              server.request("/busy").build(), HttpResponse.BodyHandlers.ofString());
      CompletableFuture<HttpResponse<String>> second =
          server.client.sendAsync(
              server.request("/busy").build(), HttpResponse.BodyHandlers.ofString());
      await(entered);
      release.countDown();
      assertThat(first.get(SAFETY_SECONDS, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(second.get(SAFETY_SECONDS, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  // ---- TIMEOUT ---------------------------------------------------------------------------------

  @Test
  void timeout_is503RequestTimeoutWhileTheHandlerRuns_andTheLateResponseIsDiscarded()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    RouteGroup slow =
        RouteGroup.builder()
            .timeout(Duration.ofMillis(100))
            .route(
                HttpMethod.GET,
                "/slow",
                r -> {
                  try {
                    await(release);
                    return Response.text("late");
                  } finally {
                    returned.countDown();
                  }
                })
            .build();
    try (TestServer server =
            TestServer.start(
                b ->
                    b.readTimeout(Duration.ZERO)
                        .group(slow)
                        .route(HttpMethod.GET, "/ok", r -> Response.text("next")));
        RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Reply timedOut = raw.read();
      assertThat(timedOut.status).isEqualTo(503);
      assertThat(timedOut.body).isEqualTo("Request Timeout");
      release.countDown();
      await(returned);
      raw.send("GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      String rest = raw.readToEnd();
      assertThat(rest).startsWith("HTTP/1.1 200 OK").endsWith("next").doesNotContain("late");
      assertThat(rest.split("HTTP/1.1 ", -1)).hasSize(2);
    }
  }

  @Test
  void timeout_goesThroughTheErrorHandler() {
    CountDownLatch release = new CountDownLatch(1);
    RouteGroup slow =
        RouteGroup.builder()
            .timeout(Duration.ofMillis(50))
            .route(
                HttpMethod.GET,
                "/slow",
                r -> {
                  await(release);
                  return Response.ok();
                })
            .build();
    try (TestServer server =
        TestServer.start(
            b ->
                b.errorHandler(
                        (request, error) ->
                            Response.json(
                                200, java.util.Map.of("code", 503, "msg", error.getMessage())))
                    .group(slow))) {
      HttpResponse<String> response = server.get("/slow");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"code\":503").contains("timeout after 50ms");
    } finally {
      release.countDown();
    }
  }

  @Test
  void timeout_ofANonBlockingHandlerThatOverran_is503() {
    FakeTicker ticker = new FakeTicker();
    RouteGroup spinning =
        RouteGroup.builder()
            .nonBlocking(true)
            .timeout(Duration.ofSeconds(1))
            .route(
                HttpMethod.GET,
                "/spin",
                r -> {
                  ticker.advance(Duration.ofSeconds(2));
                  return Response.text("too late");
                })
            .route(HttpMethod.GET, "/quick", r -> Response.text("in time"))
            .build();
    try (TestServer server =
        TestServer.start(
            b ->
                b.ticker(ticker)
                    .readTimeout(Duration.ZERO)
                    .writeTimeout(Duration.ZERO)
                    .group(spinning))) {
      HttpResponse<String> late = server.get("/spin");
      assertThat(late.statusCode()).isEqualTo(503);
      assertThat(late.body()).isEqualTo("Request Timeout");
      assertThat(server.get("/quick").body()).isEqualTo("in time");
    }
  }

  @Test
  void clientLeaving_isLoggedAs499() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (LogCapture access = LogCapture.of("io.github.zero4j.rest.access", Level.INFO);
        TestServer server =
            TestServer.start(
                b ->
                    b.route(
                        HttpMethod.GET,
                        "/wait",
                        r -> {
                          entered.countDown();
                          await(release);
                          return Response.ok();
                        }))) {
      try (RawHttp raw = new RawHttp(server.port())) {
        raw.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
        await(entered);
      }
      ILoggingEvent line = access.await(e -> e.getFormattedMessage().contains("/wait"));
      assertThat(line.getFormattedMessage())
          .startsWith("[HTTP] 499 - GET /wait - 127.0.0.1:")
          .endsWith(" - client closed the connection, code 499");
      release.countDown();
      assertThat(server.get("/wait").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void timeoutOff_givesNoDeadline() {
    try (TestServer server =
        TestServer.start(
            b ->
                b.disable(BuiltIn.TIMEOUT)
                    .route(
                        HttpMethod.GET, "/d", r -> Response.text("" + r.deadline().isPresent())))) {
      assertThat(server.get("/d").body()).isEqualTo("false");
    }
  }

  // ---- RECOVER ---------------------------------------------------------------------------------

  @Test
  void uncaughtException_is500AndLoggedWithItsStack() throws Exception {
    try (LogCapture log = LogCapture.of("io.github.zero4j.rest.RestServer", Level.ERROR);
        TestServer server =
            TestServer.start(
                b ->
                    b.route(
                        HttpMethod.GET,
                        "/boom",
                        r -> {
                          throw new IllegalStateException("kaboom");
                        }))) {
      HttpResponse<String> response = server.get("/boom");
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).isEmpty();
      ILoggingEvent event = log.await(e -> e.getThrowableProxy() != null);
      assertThat(event.getFormattedMessage())
          .startsWith("[HTTP] GET /boom - panic: java.lang.IllegalStateException: kaboom");
      assertThat(event.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
      // The connection survives: the next request on it works.
      assertThat(server.get("/boom").statusCode()).isEqualTo(500);
    }
  }

  @Test
  void recoverOff_answers500AndClosesTheConnection() throws Exception {
    try (LogCapture log = LogCapture.of("io.github.zero4j.rest.RestServer", Level.ERROR);
        TestServer server =
            TestServer.start(
                b ->
                    b.disable(BuiltIn.RECOVER)
                        .route(
                            HttpMethod.GET,
                            "/boom",
                            r -> {
                              throw new IllegalStateException("kaboom");
                            }));
        RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Reply reply = raw.read();
      assertThat(reply.status).isEqualTo(500);
      assertThat(reply.header("Connection")).isEqualTo("close");
      assertThat(raw.closedByServer()).isTrue();
      assertThat(log.await(e -> e.getThrowableProxy() != null).getFormattedMessage())
          .startsWith("[HTTP] GET /boom - unrecovered java.lang.IllegalStateException: kaboom");
    }
  }

  // ---- LOG -------------------------------------------------------------------------------------

  @Test
  void accessLog_writesGoZerosLine() throws Exception {
    try (LogCapture access = LogCapture.of("io.github.zero4j.rest.access", Level.INFO);
        TestServer server =
            TestServer.start(b -> b.route(HttpMethod.GET, "/a", r -> Response.ok()))) {
      server.send(
          server
              .request("/a?x=1")
              .header("User-Agent", "probe/1.0")
              .header("X-Forwarded-For", "9.9.9.9")
              .build());
      server.get("/missing");
      assertThat(
              access.await(e -> e.getFormattedMessage().contains("/a?x=1")).getFormattedMessage())
          .matches(
              "\\[HTTP\\] 200 - GET /a\\?x=1 - 9\\.9\\.9\\.9 - probe/1\\.0 - duration=\\d+\\.\\dms");
      ILoggingEvent missing = access.await(e -> e.getFormattedMessage().contains("/missing"));
      assertThat(missing.getFormattedMessage())
          .startsWith("[HTTP] 404 - GET /missing - 127.0.0.1:");
      assertThat(missing.getLevel()).isEqualTo(Level.INFO);
    }
  }

  @Test
  void accessLogOff_writesNothing() throws Exception {
    try (LogCapture access = LogCapture.of("io.github.zero4j.rest.access", Level.INFO);
        TestServer server =
            TestServer.start(
                b -> b.disable(BuiltIn.LOG).route(HttpMethod.GET, "/a", r -> Response.ok()))) {
      assertThat(server.get("/a").statusCode()).isEqualTo(200);
      assertThat(server.get("/nope").statusCode()).isEqualTo(404);
      assertThat(access.events).isEmpty();
    }
  }
}
