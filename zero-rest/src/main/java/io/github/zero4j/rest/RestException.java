package io.github.zero4j.rest;

import org.jspecify.annotations.Nullable;

/**
 * An expected failure that carries the HTTP status to answer with. A handler or middleware throws
 * it (or returns {@link Response#error(Throwable)}); the server's error handler renders it, by
 * default as a {@code text/plain} body holding the message.
 */
public class RestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Lowest status accepted: informational responses start at 100. */
  private static final int MIN_STATUS = 100;

  /** Highest status accepted: HTTP defines classes up to 5xx. */
  private static final int MAX_STATUS = 599;

  private final int status;

  /** An exception with {@code status} (100-599) and {@code message}. */
  public RestException(int status, String message) {
    this(status, message, null, true);
  }

  /** An exception with {@code status} (100-599), {@code message} and {@code cause}. */
  public RestException(int status, String message, @Nullable Throwable cause) {
    this(status, message, cause, true);
  }

  /** For subclasses that are flow-control signals and skip the stack trace. */
  protected RestException(
      int status, String message, @Nullable Throwable cause, boolean writableStackTrace) {
    super(message, cause, false, writableStackTrace);
    this.status = checkStatus(status);
  }

  /** The HTTP status to answer with. */
  public int status() {
    return status;
  }

  static int checkStatus(int status) {
    if (status < MIN_STATUS || status > MAX_STATUS) {
      throw new IllegalArgumentException(
          "status: " + status + " (expected: " + MIN_STATUS + "-" + MAX_STATUS + ")");
    }
    return status;
  }
}
