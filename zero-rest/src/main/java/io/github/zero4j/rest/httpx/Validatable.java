package io.github.zero4j.rest.httpx;

/**
 * A bound record that checks itself once every field is set: go-zero's {@code Validate() error}. An
 * {@link IllegalArgumentException} or {@link IllegalStateException} thrown here is answered 400
 * with its message (a {@link BindException} keeps its source and field).
 */
public interface Validatable {

  /** Throws when the values do not make sense together. */
  void validate();
}
