package io.github.zero4j.rest.internal;

import io.github.zero4j.rest.Headers;
import io.github.zero4j.rest.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValidationUtil;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

/*
 * Our Response to Netty's FullHttpResponse, on the event loop for every request, so it avoids the
 * work Netty's defaults would repeat:
 *
 * - The headers are built without Netty's validation, which would check every name and value on
 *   every add; instead each user-supplied field is checked here with the same rules Netty applies
 *   (names are tokens, values are RFC 9110 field values), except the names and values zero-rest
 *   writes itself, which are constants known to be valid and are added as AsciiString (cached hash,
 *   copied to the wire as bytes).
 * - No trailers object: a response with a Content-Length never writes trailers.
 * - The body is the Response's buffer wrapped, not copied.
 */
/** Converts a {@link Response} to the message the HTTP codec writes. Stateless, thread-safe. */
final class NettyResponses {
  private static final HttpHeadersFactory UNCHECKED =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);

  /** Names zero-rest itself sets, spelt as it spells them (the wire keeps the caller's case). */
  private static final AsciiString[] KNOWN_NAMES = {
    AsciiString.cached("Content-Type"),
    AsciiString.cached("Allow"),
    AsciiString.cached("Cache-Control"),
    AsciiString.cached("Content-Encoding"),
    AsciiString.cached("traceparent"),
    AsciiString.cached("tracestate"),
  };

  /** The content types of {@link Response}'s helpers. */
  private static final String[] KNOWN_VALUES = {
    Response.APPLICATION_JSON, Response.TEXT_PLAIN, Response.TEXT_EVENT_STREAM
  };

  private static final AsciiString[] KNOWN_VALUES_ASCII = {
    AsciiString.cached(Response.APPLICATION_JSON),
    AsciiString.cached(Response.TEXT_PLAIN),
    AsciiString.cached(Response.TEXT_EVENT_STREAM),
  };

  private NettyResponses() {}

  /**
   * The message for {@code response}: no body for HEAD, 1xx, 204 and 304; Content-Length set unless
   * bodiless; {@code Connection: close} when not {@code keepAlive}, {@code keep-alive} for
   * HTTP/1.0. The response's own Content-Length, Connection and Transfer-Encoding are dropped.
   *
   * @throws IllegalArgumentException a header name or value Netty's validation would refuse
   */
  static FullHttpResponse toNetty(
      Response response, boolean head, boolean keepAlive, HttpVersion version) {
    int status = response.status();
    // RFC 9110 section 8.6: no Content-Length (and no body) on 1xx, 204 and 304.
    boolean bodiless = status < 200 || status == 204 || status == 304;
    ByteBuf content =
        head || bodiless || response.bodyLength() == 0
            ? Unpooled.EMPTY_BUFFER
            : Unpooled.wrappedBuffer(response.bodyBuffer());
    HttpHeaders headers = UNCHECKED.newHeaders();
    Headers own = response.headers();
    for (int i = 0; i < own.size(); i++) {
      String name = own.name(i);
      if (!name.equalsIgnoreCase("Content-Length")
          && !name.equalsIgnoreCase("Connection")
          && !name.equalsIgnoreCase("Transfer-Encoding")) {
        headers.add(name(name), value(name, own.value(i)));
      }
    }
    if (!bodiless) {
      headers.setInt(HttpHeaderNames.CONTENT_LENGTH, response.bodyLength());
    }
    if (!keepAlive) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (version.equals(HttpVersion.HTTP_1_0)) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    return new DefaultFullHttpResponse(
        version, HttpResponseStatus.valueOf(status), content, headers, EmptyHttpHeaders.INSTANCE);
  }

  /** {@code name} as a cached constant when it is one of ours, else checked as Netty would. */
  static CharSequence name(String name) {
    for (AsciiString known : KNOWN_NAMES) {
      if (known.contentEquals(name)) {
        return known;
      }
    }
    if (name.isEmpty() || HttpHeaderValidationUtil.validateToken(name) != -1) {
      throw new IllegalArgumentException(
          "header name: \"" + name + "\" (expected: an RFC 9110 token)");
    }
    return name;
  }

  /** {@code value} as a cached constant when it is one of ours, else checked as Netty would. */
  static CharSequence value(String name, String value) {
    for (int i = 0; i < KNOWN_VALUES.length; i++) {
      if (KNOWN_VALUES[i].equals(value)) {
        return KNOWN_VALUES_ASCII[i];
      }
    }
    if (HttpHeaderValidationUtil.validateValidHeaderValue(value) != -1) {
      throw new IllegalArgumentException(
          "header " + name + ": \"" + value + "\" (expected: an RFC 9110 field value)");
    }
    return value;
  }
}
