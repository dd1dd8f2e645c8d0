package io.github.zero4j.core.load;

import static java.util.Objects.requireNonNull;

/**
 * Thrown by {@link Shedder#allow()} when a request is shed. Its message is go-zero's {@code
 * ErrServiceOverloaded} text, {@value #MESSAGE}; REST maps it to 503 and gRPC to {@code
 * RESOURCE_EXHAUSTED}.
 *
 * <p>Stackless and without suppressed exceptions: shedding is expected flow control on a hot path,
 * so a shedder may throw one shared instance.
 */
public final class OverloadedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** go-zero's {@code ErrServiceOverloaded} message. */
  public static final String MESSAGE = "service overloaded";

  private final String shedderName;

  /** An exception for the shedder named {@code shedderName}. */
  public OverloadedException(String shedderName) {
    super(MESSAGE, null, false, false);
    this.shedderName = requireNonNull(shedderName, "shedderName");
  }

  /** The name of the shedder that rejected the request. */
  public String shedderName() {
    return shedderName;
  }
}
