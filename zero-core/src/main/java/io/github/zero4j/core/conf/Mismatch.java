package io.github.zero4j.core.conf;

/**
 * A value that does not fit: carries what was expected, for {@code Key: value (expected: ...)}.
 * Internal control flow of one bind, so it has no stack trace.
 */
final class Mismatch extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Mismatch(String expected) {
    super(expected, null, false, false);
  }

  /** What the value should have been, for example "an integer" or "in [0:1000)". */
  String expected() {
    return String.valueOf(getMessage());
  }
}
