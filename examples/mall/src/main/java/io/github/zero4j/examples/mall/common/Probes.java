package io.github.zero4j.examples.mall.common;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.rest.HttpMethod;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.RestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The design notes' probes (section 9.3): {@code GET /health} is liveness and always answers {@code
 * {"status":"UP"}}; {@code GET /ready} runs every dependency check and answers {@code
 * {"status":"UP|DOWN","checks":{"mysql":"UP",...}}}, with 503 when any check is down.
 */
public final class Probes {
  private static final Logger log = LoggerFactory.getLogger(Probes.class);

  /** Check status text. */
  public static final String UP = "UP";

  /** Check status text. */
  public static final String DOWN = "DOWN";

  private final Map<String, Callable<?>> checks = new LinkedHashMap<>();

  private Probes() {}

  /** No checks yet. */
  public static Probes create() {
    return new Probes();
  }

  /**
   * Adds a check named {@code name} ({@code mysql}, {@code redis}, {@code etcd} ...): up when
   * {@code check} returns, down when it throws.
   */
  public Probes check(String name, Callable<?> check) {
    checks.put(requireNonNull(name, "name"), requireNonNull(check, "check"));
    return this;
  }

  /** Adds {@code /health} and {@code /ready} to {@code server}. */
  public RestServer.Builder routes(RestServer.Builder server) {
    server.route(HttpMethod.GET, "/health", request -> Response.json(200, Map.of("status", UP)));
    server.route(HttpMethod.GET, "/ready", request -> ready());
    return server;
  }

  /** Runs the checks now. */
  public Response ready() {
    Map<String, String> results = new LinkedHashMap<>();
    boolean up = true;
    for (Map.Entry<String, Callable<?>> check : checks.entrySet()) {
      String result = run(check.getKey(), check.getValue());
      results.put(check.getKey(), result);
      up &= UP.equals(result);
    }
    return Response.json(up ? 200 : 503, Map.of("status", up ? UP : DOWN, "checks", results));
  }

  private static String run(String name, Callable<?> check) {
    try {
      check.call();
      return UP;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.warn("readiness check {} is down: {}", name, e.toString());
      return DOWN;
    }
  }
}
