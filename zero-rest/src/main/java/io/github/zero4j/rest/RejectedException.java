package io.github.zero4j.rest;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A request the server rejected by itself (see {@link Rejection}), as the error handler receives
 * it. Stackless: rejections are expected under load and must stay cheap.
 */
public final class RejectedException extends RestException {
  private static final long serialVersionUID = 1L;

  private final Rejection rejection;

  /** A rejection for {@code reason} with a message for logs. */
  public RejectedException(Rejection rejection, String message) {
    this(rejection, message, null);
  }

  /** A rejection for {@code reason} caused by {@code cause} (kept for the error handler). */
  public RejectedException(Rejection rejection, String message, @Nullable Throwable cause) {
    super(requireNonNull(rejection, "rejection").status(), message, cause, false);
    this.rejection = rejection;
  }

  /** Why the request was rejected. */
  public Rejection rejection() {
    return rejection;
  }
}
