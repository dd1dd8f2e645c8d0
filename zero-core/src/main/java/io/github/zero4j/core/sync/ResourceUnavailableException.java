package io.github.zero4j.core.sync;

/**
 * Thrown by {@link ImmutableResource#get()} while a failed fetch is too recent to try again. The
 * cause is the failure of the last attempt. Stackless: it is an expected, possibly frequent
 * rejection, and the cause carries the stack that matters.
 */
public final class ResourceUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ResourceUnavailableException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
