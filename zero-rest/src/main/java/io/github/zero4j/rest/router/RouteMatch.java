package io.github.zero4j.rest.router;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link Router#match(String, String)}: a route with its path parameters, or why
 * there is none. Immutable.
 *
 * @param <T> what the router maps patterns to
 */
public final class RouteMatch<T> {
  /** What kind of outcome this is. */
  public enum Kind {
    /** A route matches the method and the path. */
    FOUND,
    /** The path matches under other methods only: answer 405 with {@code Allow}. */
    METHOD_NOT_ALLOWED,
    /** The path matches under no method: answer 404. */
    NOT_FOUND
  }

  private static final RouteMatch<?> NOT_FOUND =
      new RouteMatch<>(Kind.NOT_FOUND, null, "", Map.of(), List.of());

  private final Kind kind;
  private final @Nullable T value;
  private final String pattern;
  private final Map<String, String> params;
  private final List<String> allowedMethods;

  private RouteMatch(
      Kind kind,
      @Nullable T value,
      String pattern,
      Map<String, String> params,
      List<String> allowedMethods) {
    this.kind = kind;
    this.value = value;
    this.pattern = pattern;
    this.params = params;
    this.allowedMethods = allowedMethods;
  }

  static <T> RouteMatch<T> found(T value, String pattern, Map<String, String> params) {
    return new RouteMatch<>(Kind.FOUND, value, pattern, params, List.of());
  }

  static <T> RouteMatch<T> notAllowed(List<String> allowedMethods) {
    return new RouteMatch<>(Kind.METHOD_NOT_ALLOWED, null, "", Map.of(), allowedMethods);
  }

  @SuppressWarnings("unchecked")
  static <T> RouteMatch<T> notFound() {
    return (RouteMatch<T>) NOT_FOUND;
  }

  /** What kind of outcome this is. */
  public Kind kind() {
    return kind;
  }

  /**
   * The matched route's value.
   *
   * @throws IllegalStateException unless {@link #kind()} is {@link Kind#FOUND}
   */
  public T value() {
    if (value == null) {
      throw new IllegalStateException("no route matched (" + kind + ")");
    }
    return value;
  }

  /** The matched route's pattern as registered (cleaned); empty unless found. */
  public String pattern() {
    return pattern;
  }

  /** Parameter values by name; a catch-all's value is the rest of the path without its slash. */
  public Map<String, String> params() {
    return params;
  }

  /** For {@link Kind#METHOD_NOT_ALLOWED}: the methods the path exists under, in order. */
  public List<String> allowedMethods() {
    return allowedMethods;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case FOUND -> "FOUND " + pattern + " " + params;
      case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED " + allowedMethods;
      case NOT_FOUND -> "NOT_FOUND";
    };
  }
}
