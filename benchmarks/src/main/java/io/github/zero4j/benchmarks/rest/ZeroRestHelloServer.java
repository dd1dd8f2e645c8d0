package io.github.zero4j.benchmarks.rest;

import io.github.zero4j.rest.BuiltIn;
import io.github.zero4j.rest.HttpMethod;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.RestServer;
import io.github.zero4j.rest.RouteGroup;
import java.util.Arrays;
import java.util.Locale;

/**
 * zero-rest's side of the HTTP comparison with {@link RawNettyHelloServer}: the same two routes,
 * {@code GET /plaintext} ("Hello, World!") and {@code GET /json} ({@code {"message":"Hello,
 * World!"}}, serialized by Jackson on every request), one event loop, epoll when available,
 * keep-alive, and every built-in middleware switched on with go-zero's defaults (trace, access log,
 * metrics, maxconns, breaker, shedding, timeout, recover, stat, maxbytes, gunzip; {@code
 * scripts/bench.sh rest} writes the access lines through Logback's AsyncAppender, {@code
 * logback-rest.xml}).
 *
 * <p>The shedder keeps go-zero's 900 per mille threshold but reads this server's own CPU ({@link
 * ServerCpu}), not the machine's, which includes {@code wrk}.
 *
 * <p>The second argument picks where handlers run: {@code blocking} (the default) hands each
 * request to a virtual thread on JDK 21+ or to the handler pool on JDK 17-20 and back, as a handler
 * doing JDBC would need; {@code eventloop} declares the routes non-blocking so they run on the
 * event loop like the raw server's. {@code -DhandlerThreads=N} sizes the JDK 17-20 handler pool
 * (default {@value RestServer#DEFAULT_HANDLER_THREADS}); with 1 the pool wakes at most one thread,
 * which bounds what fewer wake-ups could gain on the blocking path.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.zero4j.benchmarks.rest.ZeroRestHelloServer 8080 blocking
 * java -cp benchmarks.jar io.github.zero4j.benchmarks.rest.ZeroRestHelloServer eventloop 8080
 * </pre>
 *
 * <p>(arguments in either order, so that {@code scripts/bench.sh} can append the port).
 */
public final class ZeroRestHelloServer {
  private static final String HELLO = "Hello, World!";

  /** The JSON payload: a record, so that Jackson does the work a real handler's reply costs. */
  record Message(String message) {}

  private ZeroRestHelloServer() {}

  /** {@code -Ddisable=LOG,TRACE} (or {@code all}): built-ins to switch off, to price them. */
  private static BuiltIn[] disabled() {
    String names = System.getProperty("disable", "").trim();
    if (names.isEmpty()) {
      return new BuiltIn[0];
    }
    if (names.equalsIgnoreCase("all")) {
      return BuiltIn.values();
    }
    return Arrays.stream(names.split(","))
        .map(name -> BuiltIn.valueOf(name.trim().toUpperCase(Locale.ROOT)))
        .toArray(BuiltIn[]::new);
  }

  public static void main(String[] args) {
    // In either order: scripts/bench.sh appends the port after the class and its arguments.
    int port = 8080;
    String mode = "blocking";
    for (String arg : args) {
      if (arg.chars().allMatch(Character::isDigit)) {
        port = Integer.parseInt(arg);
      } else if (arg.equals("blocking") || arg.equals("eventloop")) {
        mode = arg;
      } else {
        throw new IllegalArgumentException(
            "argument: " + arg + " (expected: a port, blocking or eventloop)");
      }
    }
    RouteGroup routes =
        RouteGroup.builder()
            .nonBlocking(mode.equals("eventloop"))
            .route(HttpMethod.GET, "/plaintext", request -> Response.text(HELLO))
            .route(HttpMethod.GET, "/json", request -> Response.json(new Message(HELLO)))
            .build();
    RestServer server =
        RestServer.builder()
            .host("127.0.0.1")
            .port(port)
            .ioThreads(1)
            .handlerThreads(
                Integer.getInteger("handlerThreads", RestServer.DEFAULT_HANDLER_THREADS))
            .cpuUsage(ServerCpu.start()::usage)
            .group(routes)
            .disable(disabled())
            .build()
            .start()
            .registerShutdownHook();
    System.out.println(
        "zero-rest hello server on http://127.0.0.1:" + server.port() + " (" + mode + ")");
  }
}
