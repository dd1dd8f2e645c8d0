package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventStreamTest {
  private static final long SAFETY_SECONDS = 20;

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(SAFETY_SECONDS, TimeUnit.SECONDS)).as("latch").isTrue();
  }

  @Test
  void eventStream_writesEventsAsTheyAreSent_thenEnds_andTheConnectionGoesOn() throws Exception {
    try (TestServer server =
        TestServer.start(
            b ->
                b.route(
                        HttpMethod.GET,
                        "/events",
                        r ->
                            Response.eventStream(
                                emitter -> {
                                  emitter.send("one");
                                  emitter.send("greeting", "hello\nworld");
                                  emitter.comment("keep-alive");
                                }))
                    .route(HttpMethod.GET, "/a", r -> Response.text("a")))) {
      HttpResponse<String> response = server.get("/events");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
      assertThat(response.headers().firstValue("Content-Length")).isEmpty();
      assertThat(response.body())
          .isEqualTo("data: one\n\nevent: greeting\ndata: hello\ndata: world\n\n: keep-alive\n\n");
      assertThat(server.get("/a").body()).isEqualTo("a");
    }
  }

  @Test
  void eventStream_isNotCutByTheRouteTimeout_eventsArriveOneByOne() throws Exception {
    CountDownLatch[] read = new CountDownLatch[5];
    for (int i = 0; i < read.length; i++) {
      read[i] = new CountDownLatch(1);
    }
    try (TestServer server =
        TestServer.start(
            b ->
                // The route timeout is tiny; the connection's own timeouts are not.
                b.timeout(Duration.ofMillis(1))
                    .readTimeout(Duration.ofSeconds(SAFETY_SECONDS))
                    .writeTimeout(Duration.ofSeconds(SAFETY_SECONDS))
                    .route(
                        HttpMethod.GET,
                        "/events",
                        r ->
                            Response.eventStream(
                                emitter -> {
                                  for (int i = 0; i < read.length; i++) {
                                    emitter.send(Integer.toString(i));
                                    // The next event waits until the client has this one.
                                    await(read[i]);
                                  }
                                })))) {
      HttpResponse<Stream<String>> response =
          server.client.send(
              server.request("/events").header("Accept", "text/event-stream").GET().build(),
              HttpResponse.BodyHandlers.ofLines());
      assertThat(response.statusCode()).isEqualTo(200);
      Iterator<String> lines = response.body().iterator();
      for (int i = 0; i < read.length; i++) {
        assertThat(lines.next()).isEqualTo("data: " + i);
        assertThat(lines.next()).isEmpty();
        read[i].countDown();
      }
      List<String> rest = new ArrayList<>();
      lines.forEachRemaining(rest::add);
      assertThat(rest).isEmpty();
    }
  }

  @Test
  void clientDisconnect_isSeenByTheWriter_andTheCloseCallbackRuns() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    CountDownLatch writerStopped = new CountDownLatch(1);
    AtomicBoolean openAfter = new AtomicBoolean(true);
    try (TestServer server =
        TestServer.start(
            b ->
                b.route(
                    HttpMethod.GET,
                    "/events",
                    r ->
                        Response.eventStream(
                            emitter -> {
                              emitter.onClose(closed::countDown);
                              while (emitter.send("tick")) {
                                // Until the client leaves.
                              }
                              openAfter.set(emitter.isOpen());
                              writerStopped.countDown();
                            })))) {
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        OutputStream out = socket.getOutputStream();
        out.write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains("data: tick")) {
          int c = in.read();
          assertThat(c).isNotNegative();
          seen.append((char) c);
        }
        assertThat(seen.toString()).startsWith("HTTP/1.1 200").contains("chunked");
      }
      await(closed);
      await(writerStopped);
      assertThat(openAfter).isFalse();
    }
  }
}
