package io.github.zero4j.rest.router;

/** Two routes with the same method and the same pattern shape; thrown when the router is built. */
public final class DuplicateRouteException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final String pattern;

  DuplicateRouteException(String method, String pattern, String existing) {
    super(
        "duplicated route: "
            + method
            + " "
            + pattern
            + (existing.equals(pattern) ? "" : " (same shape as " + method + " " + existing + ")"));
    this.method = method;
    this.pattern = pattern;
  }

  /** The method of the second registration. */
  public String method() {
    return method;
  }

  /** The pattern of the second registration. */
  public String pattern() {
    return pattern;
  }
}
