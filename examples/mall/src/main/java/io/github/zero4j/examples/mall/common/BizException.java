package io.github.zero4j.examples.mall.common;

import static java.util.Objects.requireNonNull;

/**
 * A business answer that is not a success: "user already exists", "order not exist". It is expected
 * flow, not a fault, so it carries no stack trace. APIs answer it with HTTP 200 and its code in the
 * envelope; between services it travels as a gRPC status with the code in the trailers.
 */
public final class BizException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final BizCode code;
  private final String message;

  /** An error with the design notes' message for {@code code}. */
  public BizException(BizCode code) {
    this(code, code.message());
  }

  /** An error with a specific message, e.g. naming the field that was wrong. */
  public BizException(BizCode code, String message) {
    super(requireNonNull(message, "message"), null, false, false);
    this.code = requireNonNull(code, "code");
    this.message = message;
  }

  /** The message, never null. */
  public String message() {
    return message;
  }

  /** The code. */
  public BizCode code() {
    return code;
  }
}
