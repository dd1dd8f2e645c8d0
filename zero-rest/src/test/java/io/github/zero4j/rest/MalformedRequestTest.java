package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MalformedRequestTest {
  private TestServer server;

  @BeforeEach
  void start() {
    server =
        TestServer.start(
            b ->
                b.maxHeaderBytes(4096)
                    .readTimeout(Duration.ofMillis(300))
                    .idleTimeout(Duration.ofMillis(300))
                    .route(HttpMethod.GET, "/a", r -> Response.text("a"))
                    .route(HttpMethod.POST, "/echo", r -> Response.text(r.bodyString())));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RawHttp.Reply answerAndClose(String request) throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(request);
      RawHttp.Reply reply = raw.read();
      assertThat(reply.header("Connection")).isEqualTo("close");
      assertThat(raw.closedByServer()).isTrue();
      return reply;
    }
  }

  @Test
  void brokenRequestLine_is400() throws Exception {
    RawHttp.Reply reply = answerAndClose("HELLO\r\n\r\n");
    assertThat(reply.status).isEqualTo(400);
    assertThat(reply.body).isEqualTo("400 Bad Request");
  }

  @Test
  void requestLineOverTheLimit_is414() throws Exception {
    assertThat(answerAndClose("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n").status)
        .isEqualTo(414);
  }

  @Test
  void headersOverTheLimit_is431() throws Exception {
    assertThat(
            answerAndClose("GET /a HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(5000) + "\r\n\r\n")
                .status)
        .isEqualTo(431);
  }

  @Test
  void badPercentEncoding_is400() throws Exception {
    assertThat(answerAndClose("GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n").status).isEqualTo(400);
    assertThat(answerAndClose("GET /a?q=%e HTTP/1.1\r\nHost: x\r\n\r\n").status).isEqualTo(400);
  }

  @Test
  void otherHttpVersions_are400() throws Exception {
    assertThat(answerAndClose("GET /a HTTP/2.0\r\nHost: x\r\n\r\n").status).isEqualTo(400);
    assertThat(answerAndClose("GET /a HTTP/9.9\r\nHost: x\r\n\r\n").status).isEqualTo(400);
  }

  @Test
  void badContentLength_is400() throws Exception {
    assertThat(
            answerAndClose("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n").status)
        .isEqualTo(400);
    assertThat(
            answerAndClose(
                    "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
                .status)
        .isEqualTo(400);
  }

  @Test
  void badChunk_is400() throws Exception {
    assertThat(
            answerAndClose(
                    "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
                .status)
        .isEqualTo(400);
  }

  @Test
  void incompleteRequest_is408AfterTheReadTimeout() throws Exception {
    assertThat(answerAndClose("GET /a HTTP/1.1\r\nHost: x\r\n").status).isEqualTo(408);
    assertThat(
            answerAndClose("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
                .status)
        .isEqualTo(408);
  }

  @Test
  void idleConnection_isClosedQuietly() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      assertThat(raw.readToEnd()).isEmpty();
    }
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send(
          "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\none"
              + "GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
              + "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nthree\r\n0\r\n\r\n"
              + "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(raw.read().body).isEqualTo("one");
      assertThat(raw.read().body).isEqualTo("a");
      assertThat(raw.read().body).isEqualTo("three");
      assertThat(raw.read().status).isEqualTo(404);
    }
  }

  @Test
  void http10_closesUnlessKeepAliveIsAsked() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /a HTTP/1.0\r\n\r\n");
      assertThat(raw.read().body).isEqualTo("a");
      assertThat(raw.closedByServer()).isTrue();
    }
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      RawHttp.Reply reply = raw.read();
      assertThat(reply.header("Connection")).isEqualTo("keep-alive");
      raw.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
      assertThat(raw.read().body).isEqualTo("a");
    }
  }

  @Test
  void connectionClose_isHonoured() throws Exception {
    try (RawHttp raw = new RawHttp(server.port())) {
      raw.send("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(raw.read().header("Connection")).isEqualTo("close");
      assertThat(raw.closedByServer()).isTrue();
    }
  }
}
