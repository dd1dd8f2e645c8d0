package io.github.zero4j.core.breaker;

import static java.util.Objects.requireNonNull;

/**
 * Thrown when a {@link Breaker} drops a call (go-zero's {@code ErrServiceUnavailable}, "circuit
 * breaker is open"). It is a flow-control signal, not a bug report: it carries no stack trace and
 * no cause, cannot take suppressed exceptions, and a breaker may throw the same instance every
 * time. REST maps it to 503, gRPC to {@code UNAVAILABLE}.
 */
public final class BreakerOpenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** go-zero's error text, kept so logs and clients read the same in both languages. */
  public static final String MESSAGE = "circuit breaker is open";

  private final String breakerName;

  /** Creates the exception for the breaker called {@code breakerName}. */
  public BreakerOpenException(String breakerName) {
    super(MESSAGE, null, false, false);
    this.breakerName = requireNonNull(breakerName, "breakerName");
  }

  /** The name of the breaker that dropped the call. */
  public String breakerName() {
    return breakerName;
  }
}
