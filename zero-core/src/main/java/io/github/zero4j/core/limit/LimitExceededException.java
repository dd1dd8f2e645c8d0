package io.github.zero4j.core.limit;

import static java.util.Objects.requireNonNull;

/**
 * Thrown when a rate limiter refuses a request. It is flow control, not a fault: the exception is
 * stackless (cheap to create on a hot path) and carries the name of the limiter that refused.
 */
public final class LimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String name;

  /** A rejection by the limiter called {@code name}. */
  public LimitExceededException(String name) {
    super("rate limit exceeded: " + requireNonNull(name, "name"), null, false, false);
    this.name = name;
  }

  /** The name of the limiter that refused the request. */
  public String name() {
    return name;
  }
}
