package io.github.zero4j.rest;

import io.github.zero4j.rest.jwt.JwtAuth;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One registered route: method, full path pattern (the group's prefix joined on and cleaned),
 * handler, and the options of its {@link RouteGroup}. Immutable.
 */
public final class Route {
  private final HttpMethod method;
  private final String path;
  private final Handler handler;
  private final @Nullable Duration timeout;
  private final long maxBytes;
  private final boolean priority;
  private final boolean nonBlocking;
  private final @Nullable JwtAuth jwt;
  private final List<Middleware> middlewares;

  Route(
      HttpMethod method,
      String path,
      Handler handler,
      @Nullable Duration timeout,
      long maxBytes,
      boolean priority,
      boolean nonBlocking,
      @Nullable JwtAuth jwt,
      List<Middleware> middlewares) {
    this.method = method;
    this.path = path;
    this.handler = handler;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.priority = priority;
    this.nonBlocking = nonBlocking;
    this.jwt = jwt;
    this.middlewares = middlewares;
  }

  /** The method. */
  public HttpMethod method() {
    return method;
  }

  /** The cleaned path pattern, e.g. {@code /api/users/:id}. */
  public String path() {
    return path;
  }

  /** The handler. */
  public Handler handler() {
    return handler;
  }

  /** The group's timeout, replacing the server's; {@link Duration#ZERO} means none. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** The group's body limit in bytes, replacing the server's. */
  public OptionalLong maxBytes() {
    return maxBytes > 0 ? OptionalLong.of(maxBytes) : OptionalLong.empty();
  }

  /** Whether the route uses the shedder's higher "priority" threshold (go-zero's WithPriority). */
  public boolean priority() {
    return priority;
  }

  /** Whether the handler runs on the connection's event loop instead of a handler thread. */
  public boolean nonBlocking() {
    return nonBlocking;
  }

  /** The JWT check requests must pass before the middlewares and handler. */
  public Optional<JwtAuth> jwt() {
    return Optional.ofNullable(jwt);
  }

  /** The group's middlewares, outermost first, inside the server's. */
  public List<Middleware> middlewares() {
    return middlewares;
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
