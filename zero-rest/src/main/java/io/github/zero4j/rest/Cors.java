package io.github.zero4j.rest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * go-zero's CORS (rest/internal/cors/handlers.go, {@code rest.WithCors} and {@code
 * WithCorsHeaders}), set with {@link RestServer.Builder#cors(Cors)}. It wraps every request,
 * outside all built-ins:
 *
 * <ul>
 *   <li>no origins: {@code Access-Control-Allow-Origin: *};
 *   <li>else an {@code Origin} that equals an allowed entry, ends with {@code "." + entry}
 *       (subdomains) or any origin when an entry is {@code *} is echoed back with {@code
 *       Access-Control-Allow-Credentials: true}; any other origin gets no CORS headers;
 *   <li>with a match: go-zero's fixed {@code Allow-Methods}, {@code Allow-Headers} (plus {@link
 *       #headers(String...)}), {@code Expose-Headers} and {@code Max-Age: 86400};
 *   <li>always {@code Vary: Origin}, and on OPTIONS also {@code Access-Control-Request-Method} and
 *       {@code Access-Control-Request-Headers};
 *   <li>every OPTIONS request is answered 204 right there (the routes never see a preflight), and a
 *       request whose path exists under other methods gets 404 instead of 405.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Cors {
  /** go-zero's allowed methods. */
  public static final String ALLOW_METHODS = "GET, HEAD, POST, PATCH, PUT, DELETE";

  /** go-zero's allowed headers before {@link #headers(String...)}. */
  public static final String ALLOW_HEADERS =
      "Content-Type, Origin, X-CSRF-Token, Authorization, AccessToken, Token, Range";

  /** go-zero's exposed headers. */
  public static final String EXPOSE_HEADERS =
      "Content-Length, Access-Control-Allow-Origin, Access-Control-Allow-Headers";

  /** go-zero's preflight cache time in seconds. */
  public static final String MAX_AGE = "86400";

  private static final String ALL = "*";

  private final List<String> origins;
  private final String allowHeaders;

  private Cors(List<String> origins, String allowHeaders) {
    this.origins = origins;
    this.allowHeaders = allowHeaders;
  }

  /** Any origin: {@code Access-Control-Allow-Origin: *} (go-zero's {@code WithCors()}). */
  public static Cors anyOrigin() {
    return new Cors(List.of(), ALLOW_HEADERS);
  }

  /** These origins and their subdomains (go-zero's {@code WithCors(origins...)}). */
  public static Cors origins(String... origins) {
    List<String> list = new ArrayList<>();
    for (String origin : requireNonNull(origins, "origins")) {
      list.add(requireNonNull(origin, "origin").toLowerCase(Locale.ROOT));
    }
    return new Cors(List.copyOf(list), ALLOW_HEADERS);
  }

  /** A copy allowing these request headers too (go-zero's {@code WithCorsHeaders}). */
  public Cors headers(String... headers) {
    StringBuilder all = new StringBuilder(allowHeaders);
    for (String header : requireNonNull(headers, "headers")) {
      all.append(", ").append(requireNonNull(header, "header"));
    }
    return new Cors(origins, all.toString());
  }

  /** The allowed origins; empty means any. */
  public List<String> allowedOrigins() {
    return origins;
  }

  /** The {@code Access-Control-Allow-Headers} value. */
  public String allowHeaders() {
    return allowHeaders;
  }

  /**
   * The {@code Access-Control-Allow-Origin} value for a request from {@code origin} (empty when the
   * request has none): {@code *}, the origin itself, or {@code null} when it is not allowed.
   */
  public @Nullable String allowOrigin(String origin) {
    if (origins.isEmpty()) {
      return ALL;
    }
    String lower = origin.toLowerCase(Locale.ROOT);
    for (String allowed : origins) {
      if (allowed.equals(ALL) || lower.equals(allowed) || lower.endsWith("." + allowed)) {
        return origin;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "Cors" + (origins.isEmpty() ? "[*]" : origins);
  }
}
