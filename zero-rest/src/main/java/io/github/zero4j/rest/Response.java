package io.github.zero4j.rest;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP response: status, header fields and body bytes.
 *
 * <p>Two kinds of response are rendered by the server rather than by their creator: {@link
 * #json(Object)} and {@link #json(int, Object)} carry a value that the server serializes with its
 * JSON mapper (the first kind through the server's ok handler, as go-zero's {@code httpx.OkJson});
 * {@link #error(Throwable)} carries an error that the server's error handler turns into a response
 * (as go-zero's {@code httpx.Error}). Until then {@link #isRendered()} is false and {@link #body()}
 * is empty; every response a middleware receives from {@code chain.proceed(...)} is rendered.
 *
 * <p>Immutable and thread-safe.
 */
public final class Response {
  /** The content type of {@link #text(String)} responses. */
  public static final String TEXT_PLAIN = "text/plain; charset=utf-8";

  /** The content type of rendered JSON responses: go-zero's. */
  public static final String APPLICATION_JSON = "application/json; charset=utf-8";

  private static final byte[] NO_BODY = new byte[0];
  private static final int OK = 200;

  /** The headers of every text response: immutable, so shared. */
  private static final Headers TEXT_PLAIN_HEADERS = Headers.of("Content-Type", TEXT_PLAIN);

  /** go-zero's status for an {@code httpx.Error} that is not a gRPC status or handled error. */
  private static final int BAD_REQUEST = 400;

  private final int status;
  private final Headers headers;
  private final byte[] body;
  private final @Nullable Object entity;
  private final boolean okPayload;
  private final @Nullable Throwable error;
  private final @Nullable SseHandler stream;

  private Response(
      int status,
      Headers headers,
      byte[] body,
      @Nullable Object entity,
      boolean okPayload,
      @Nullable Throwable error) {
    this(status, headers, body, entity, okPayload, error, null);
  }

  private Response(
      int status,
      Headers headers,
      byte[] body,
      @Nullable Object entity,
      boolean okPayload,
      @Nullable Throwable error,
      @Nullable SseHandler stream) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.entity = entity;
    this.okPayload = okPayload;
    this.error = error;
    this.stream = stream;
  }

  /** The {@code text/event-stream} media type of Server-Sent Events. */
  public static final String TEXT_EVENT_STREAM = "text/event-stream";

  /**
   * A Server-Sent Events stream (go-zero's {@code WithSSE} routes): 200 with {@code Content-Type:
   * text/event-stream}, {@code Cache-Control: no-cache} and a chunked body that {@code handler}
   * writes, on its own thread, until it returns. The TIMEOUT built-in does not apply to the stream
   * (the handler returns this response at once), nor does the write timeout.
   */
  public static Response eventStream(SseHandler handler) {
    requireNonNull(handler, "handler");
    return new Response(
        OK,
        Headers.builder()
            .set("Content-Type", TEXT_EVENT_STREAM)
            .set("Cache-Control", "no-cache")
            .build(),
        NO_BODY,
        null,
        false,
        null,
        handler);
  }

  /** The event-stream writer of an {@link #eventStream(SseHandler)} response. */
  public Optional<SseHandler> stream() {
    return Optional.ofNullable(stream);
  }

  /** 200 with no body. */
  public static Response ok() {
    return status(OK);
  }

  /** {@code status} (100-599) with no body. */
  public static Response status(int status) {
    return new Response(
        RestException.checkStatus(status), Headers.empty(), NO_BODY, null, false, null);
  }

  /** 200 with a {@code text/plain; charset=utf-8} body. */
  public static Response text(String text) {
    return text(OK, text);
  }

  /** {@code status} with a {@code text/plain; charset=utf-8} body. */
  public static Response text(int status, String text) {
    requireNonNull(text, "text");
    return new Response(
        RestException.checkStatus(status),
        TEXT_PLAIN_HEADERS,
        text.getBytes(StandardCharsets.UTF_8),
        null,
        false,
        null);
  }

  /**
   * 200 with {@code value} as JSON, passed first through the server's ok handler (which may wrap
   * it, e.g. into a {@code {code,msg,data}} envelope): go-zero's {@code httpx.OkJson}.
   */
  public static Response json(Object value) {
    return new Response(OK, Headers.empty(), NO_BODY, requireNonNull(value, "value"), true, null);
  }

  /**
   * {@code status} with {@code value} as JSON, not passed through the ok handler: go-zero's {@code
   * httpx.WriteJson}.
   */
  public static Response json(int status, Object value) {
    return new Response(
        RestException.checkStatus(status),
        Headers.empty(),
        NO_BODY,
        requireNonNull(value, "value"),
        false,
        null);
  }

  /** {@code status} with {@code body} (copied) of {@code contentType}. */
  public static Response bytes(int status, String contentType, byte[] body) {
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
    return new Response(
        RestException.checkStatus(status),
        Headers.of("Content-Type", contentType),
        body.clone(),
        null,
        false,
        null);
  }

  /**
   * The response the server's error handler makes of {@code error}: go-zero's {@code httpx.Error}.
   * By default a {@link RestException} answers its status with its message as text, a {@link
   * RejectedException} go-zero's status and body for its rejection, and anything else 400 with the
   * message as text.
   */
  public static Response error(Throwable error) {
    requireNonNull(error, "error");
    int status = error instanceof RestException rest ? rest.status() : BAD_REQUEST;
    return new Response(status, Headers.empty(), NO_BODY, null, false, error);
  }

  /** A builder for a 200 response with no fields and no body. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this response's status, fields and body (an unrendered value is kept). */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.status = status;
    builder.headers = headers.toBuilder();
    builder.body = body;
    builder.entity = entity;
    builder.okPayload = okPayload;
    builder.error = error;
    builder.stream = stream;
    return builder;
  }

  /** A copy with {@code name} set to {@code value}, replacing earlier values. */
  public Response withHeader(String name, String value) {
    return new Response(
        status,
        headers.toBuilder().set(name, value).build(),
        body,
        entity,
        okPayload,
        error,
        stream);
  }

  /** The status code. */
  public int status() {
    return status;
  }

  /** The header fields; {@code Content-Length} and {@code Connection} are set by the server. */
  public Headers headers() {
    return headers;
  }

  /** A copy of the body bytes. */
  public byte[] body() {
    return body.clone();
  }

  /** The body as a read-only buffer, without copying. */
  public ByteBuffer bodyBuffer() {
    return ByteBuffer.wrap(body).asReadOnlyBuffer();
  }

  /** The body decoded as UTF-8. */
  public String bodyString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body's length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** The value a {@code json(...)} response carries until the server serializes it. */
  public Optional<Object> entity() {
    return Optional.ofNullable(entity);
  }

  /** Whether the entity goes through the server's ok handler ({@link #json(Object)}). */
  public boolean isOkPayload() {
    return okPayload;
  }

  /** The error an {@link #error(Throwable)} response carries until the error handler renders it. */
  public Optional<Throwable> error() {
    return Optional.ofNullable(error);
  }

  /** Whether the body is final: no entity to serialize and no error to render. */
  public boolean isRendered() {
    return entity == null && error == null;
  }

  @Override
  public String toString() {
    return "Response[status="
        + status
        + ", bodyLength="
        + body.length
        + (entity != null ? ", entity=" + entity.getClass().getName() : "")
        + (error != null ? ", error=" + error : "")
        + "]";
  }

  /** Builds a response; not thread-safe. */
  public static final class Builder {
    private int status = OK;
    private Headers.Builder headers = Headers.builder();
    private byte[] body = NO_BODY;
    private @Nullable Object entity;
    private boolean okPayload;
    private @Nullable Throwable error;
    private @Nullable SseHandler stream;

    private Builder() {}

    /** The status (100-599). */
    public Builder status(int status) {
      this.status = RestException.checkStatus(status);
      return this;
    }

    /** Sets {@code name} to {@code value}, replacing earlier values. */
    public Builder header(String name, String value) {
      headers.set(name, value);
      return this;
    }

    /** Adds a value of {@code name}, keeping earlier ones. */
    public Builder addHeader(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /** Removes every value of {@code name}. */
    public Builder removeHeader(String name) {
      headers.remove(name);
      return this;
    }

    /** The body bytes (copied); clears a JSON value or error not yet rendered. */
    public Builder body(byte[] body) {
      this.body = requireNonNull(body, "body").clone();
      this.entity = null;
      this.okPayload = false;
      this.error = null;
      this.stream = null;
      return this;
    }

    /** The body as UTF-8 text; clears a JSON value or error not yet rendered. */
    public Builder body(String text) {
      body(NO_BODY);
      this.body = requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** The response. */
    public Response build() {
      return new Response(status, headers.build(), body, entity, okPayload, error, stream);
    }
  }
}
