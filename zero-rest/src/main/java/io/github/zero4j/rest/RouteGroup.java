package io.github.zero4j.rest;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.rest.jwt.JwtAuth;
import io.github.zero4j.rest.router.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Routes that share options, as one go-zero {@code server.AddRoutes(routes, opts...)} call: a path
 * prefix, a timeout and body limit replacing the server's, the shedder priority, non-blocking
 * execution, a JWT check and middlewares.
 *
 * <pre>{@code
 * RouteGroup users = RouteGroup.builder()
 *     .prefix("/api/users")
 *     .timeout(Duration.ofSeconds(1))
 *     .jwt(JwtAuth.of(secret))
 *     .route(HttpMethod.GET, "/:id", getUser)
 *     .route(HttpMethod.POST, "/", createUser)
 *     .build();
 * }</pre>
 *
 * <p>Immutable.
 */
public final class RouteGroup {
  private final List<Route> routes;

  private RouteGroup(List<Route> routes) {
    this.routes = routes;
  }

  /** A builder with no prefix, the server's timeout and body limit, and no routes. */
  public static Builder builder() {
    return new Builder();
  }

  /** The routes, in registration order. */
  public List<Route> routes() {
    return routes;
  }

  @Override
  public String toString() {
    return "RouteGroup" + routes;
  }

  /** Builds a group; not thread-safe. */
  public static final class Builder {
    private String prefix = "";
    private @Nullable Duration timeout;
    private long maxBytes;
    private boolean priority;
    private boolean nonBlocking;
    private @Nullable JwtAuth jwt;
    private final List<Middleware> middlewares = new ArrayList<>();
    private final List<PendingRoute> routes = new ArrayList<>();

    private Builder() {}

    /** A prefix joined before every path, as go-zero's {@code WithPrefix} (path.Join). */
    public Builder prefix(String prefix) {
      requireNonNull(prefix, "prefix");
      if (!prefix.startsWith("/")) {
        throw new IllegalArgumentException(
            "prefix: \"" + prefix + "\" (expected: starting with /)");
      }
      this.prefix = prefix;
      return this;
    }

    /**
     * The timeout of the group's routes, replacing the server's; {@link Duration#ZERO} turns it off
     * for the group (go-zero's {@code WithTimeout}).
     */
    public Builder timeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
      }
      this.timeout = timeout;
      return this;
    }

    /** The body limit of the group's routes, replacing the server's (go-zero's WithMaxBytes). */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes <= 0) {
        throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: > 0)");
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /** Marks the routes as priority routes for the shedder (go-zero's {@code WithPriority}). */
    public Builder priority(boolean priority) {
      this.priority = priority;
      return this;
    }

    /**
     * Runs the handlers (and the middlewares inside the built-ins) on the connection's event loop
     * rather than on a handler thread: for handlers that never block.
     */
    public Builder nonBlocking(boolean nonBlocking) {
      this.nonBlocking = nonBlocking;
      return this;
    }

    /** Requires a JWT accepted by {@code jwt} (go-zero's {@code WithJwt}). */
    public Builder jwt(JwtAuth jwt) {
      this.jwt = requireNonNull(jwt, "jwt");
      return this;
    }

    /** Adds a middleware around the group's handlers (go-zero's {@code WithMiddlewares}). */
    public Builder middleware(Middleware middleware) {
      middlewares.add(requireNonNull(middleware, "middleware"));
      return this;
    }

    /** Adds a route; {@code path} is joined onto the prefix. */
    public Builder route(HttpMethod method, String path, Handler handler) {
      requireNonNull(method, "method");
      requireNonNull(path, "path");
      requireNonNull(handler, "handler");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path: \"" + path + "\" (expected: starting with /)");
      }
      routes.add(new PendingRoute(method, path, handler));
      return this;
    }

    /** The group. */
    public RouteGroup build() {
      List<Middleware> groupMiddlewares = List.copyOf(middlewares);
      List<Route> built = new ArrayList<>(routes.size());
      for (PendingRoute route : routes) {
        built.add(
            new Route(
                route.method,
                Router.cleanPath(prefix + route.path),
                route.handler,
                timeout,
                maxBytes,
                priority,
                nonBlocking,
                jwt,
                groupMiddlewares));
      }
      return new RouteGroup(List.copyOf(built));
    }

    private static final class PendingRoute {
      final HttpMethod method;
      final String path;
      final Handler handler;

      PendingRoute(HttpMethod method, String path, Handler handler) {
        this.method = method;
        this.path = path;
        this.handler = handler;
      }
    }
  }
}
