package io.github.zero4j.rest;

/**
 * Why the server answered a request without (or instead of) its handler. Every rejection passes
 * through the server's error handler as a {@link RejectedException}; the default handler answers
 * with {@link #status()} and {@link #defaultBody()}, which are go-zero's (rest/handler/*).
 */
public enum Rejection {
  /** No route matches the path under any method: 404 with go-zero's {@code 404 page not found}. */
  NOT_FOUND(404, "404 page not found"),
  /** The path exists under other methods: 405; the server adds the {@code Allow} header. */
  METHOD_NOT_ALLOWED(405, ""),
  /** The route already serves {@code maxConns} requests ({@link BuiltIn#MAX_CONNS}): 503. */
  TOO_MANY_CONNECTIONS(503, ""),
  /**
   * The bounded handler pool (JDK 17-20, or virtual threads switched off) has no room left: 503.
   */
  SERVER_BUSY(503, ""),
  /** The route's breaker rejects ({@link BuiltIn#BREAKER}): 503 with no body. */
  BREAKER_OPEN(503, ""),
  /** The adaptive shedder dropped the request ({@link BuiltIn#SHEDDING}): 503 with no body. */
  OVERLOADED(503, ""),
  /** The route's timeout passed while the handler still ran ({@link BuiltIn#TIMEOUT}): 503. */
  TIMEOUT(503, "Request Timeout"),
  /**
   * The client closed the connection while its request ran ({@link BuiltIn#TIMEOUT}): 499, nginx's
   * "client closed request". Nothing is written: the status is for logs and metrics.
   */
  CLIENT_CLOSED(499, ""),
  /** The body is larger than the route's {@code maxBytes} ({@link BuiltIn#MAX_BYTES}): 413. */
  BODY_TOO_LARGE(413, ""),
  /** {@code Content-Encoding: gzip} with a body that does not inflate ({@link BuiltIn#GUNZIP}). */
  BAD_GZIP(400, ""),
  /** A missing, malformed, expired or forged JWT on a route that requires one: 401. */
  UNAUTHORIZED(401, ""),
  /** An exception escaped the handler or a middleware ({@link BuiltIn#RECOVER}): 500. */
  INTERNAL_ERROR(500, "");

  private final int status;
  private final String defaultBody;

  Rejection(int status, String defaultBody) {
    this.status = status;
    this.defaultBody = defaultBody;
  }

  /** The HTTP status go-zero answers with. */
  public int status() {
    return status;
  }

  /** The {@code text/plain} body go-zero writes, empty when it writes the status alone. */
  public String defaultBody() {
    return defaultBody;
  }
}
