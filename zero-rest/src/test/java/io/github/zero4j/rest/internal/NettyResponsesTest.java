package io.github.zero4j.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.rest.Response;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NettyResponsesTest {

  private static String wire(FullHttpResponse message) {
    EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());
    channel.writeOutbound(message);
    StringBuilder out = new StringBuilder();
    for (ByteBuf chunk; (chunk = channel.readOutbound()) != null; ) {
      out.append(chunk.toString(StandardCharsets.ISO_8859_1));
      chunk.release();
    }
    channel.finishAndReleaseAll();
    return out.toString();
  }

  @Test
  void writesOurAndTheCallersHeadersInTheirOrderAndCaseWithTheBodyAndLength() {
    Response response =
        Response.text("hi").withHeader("X-Custom", "a b").withHeader("Cache-Control", "no-store");
    String wire = wire(NettyResponses.toNetty(response, false, true, HttpVersion.HTTP_1_1));
    assertThat(wire)
        .isEqualTo(
            "HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "X-Custom: a b\r\n"
                + "Cache-Control: no-store\r\n"
                + "content-length: 2\r\n\r\n"
                + "hi");
  }

  @Test
  void dropsFramingHeadersAndSetsConnectionForCloseAndHttp10() {
    Response response =
        Response.bytes(201, Response.APPLICATION_JSON, "\"x\"".getBytes(StandardCharsets.UTF_8))
            .withHeader("Content-Length", "99")
            .withHeader("Connection", "upgrade")
            .withHeader("Transfer-Encoding", "chunked");
    assertThat(wire(NettyResponses.toNetty(response, false, false, HttpVersion.HTTP_1_1)))
        .startsWith("HTTP/1.1 201 Created\r\n")
        .contains("Content-Type: application/json; charset=utf-8\r\n")
        .contains("content-length: 3\r\n")
        .contains("connection: close\r\n")
        .doesNotContain("99")
        .doesNotContain("upgrade")
        .doesNotContain("chunked")
        .endsWith("\r\n\r\n\"x\"");
    assertThat(wire(NettyResponses.toNetty(response, false, true, HttpVersion.HTTP_1_0)))
        .contains("connection: keep-alive\r\n");
  }

  @Test
  void headAnd204HaveNoBodyAnd204NoLength() {
    String head =
        wire(NettyResponses.toNetty(Response.text("hi"), true, true, HttpVersion.HTTP_1_1));
    assertThat(head).endsWith("content-length: 2\r\n\r\n");
    String noContent =
        wire(NettyResponses.toNetty(Response.status(204), false, true, HttpVersion.HTTP_1_1));
    assertThat(noContent).isEqualTo("HTTP/1.1 204 No Content\r\n\r\n");
  }

  @Test
  void refusesWhatNettysValidationRefuses() {
    // Headers lets both through (no CR, LF or NUL; visible ASCII without ':'); Netty's rules do
    // not.
    Response control = Response.ok().withHeader("X-A", "a\u0001b");
    assertThatThrownBy(() -> NettyResponses.toNetty(control, false, true, HttpVersion.HTTP_1_1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("X-A");
    Response separator = Response.ok().withHeader("X(A)", "a");
    assertThatThrownBy(() -> NettyResponses.toNetty(separator, false, true, HttpVersion.HTTP_1_1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("X(A)");
  }
}
