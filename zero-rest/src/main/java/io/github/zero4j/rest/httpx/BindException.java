package io.github.zero4j.rest.httpx;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.rest.RestException;
import org.jspecify.annotations.Nullable;

/**
 * A request that does not bind: a required value is missing, a value does not convert, or a check
 * fails. Answered 400 with the message, which names the source and the field: {@code "missing
 * required json field mobile"}, {@code "path userId: abc (expected: an integer)"}.
 */
public final class BindException extends RestException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of a binding failure: go-zero answers 400. */
  private static final int BAD_REQUEST = 400;

  private final String source;
  private final String field;

  /**
   * A failure of {@code field} from {@code source} ({@code path}, {@code query}, {@code form},
   * {@code header}, {@code json}, or {@code body} when it is about the request as a whole).
   */
  public BindException(String source, String field, String message) {
    this(source, field, message, null);
  }

  /** As {@link #BindException(String, String, String)}, with the cause. */
  public BindException(String source, String field, String message, @Nullable Throwable cause) {
    super(BAD_REQUEST, requireNonNull(message, "message"), cause);
    this.source = requireNonNull(source, "source");
    this.field = requireNonNull(field, "field");
  }

  /** Where the value came from: {@code path}, {@code query}, {@code form}, ... or {@code body}. */
  public String source() {
    return source;
  }

  /** The field's name in the request; empty when the failure is not about one field. */
  public String field() {
    return field;
  }
}
