package io.github.zero4j.examples.mall.common;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of every mall API answer, as in the design notes' result helper: {@code code} 0 and
 * {@code message "success"} with the data, or a {@link BizCode} and its message without data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(int code, String message, @Nullable Object data) {

  /** The success message. */
  public static final String SUCCESS = "success";

  public Envelope {
    requireNonNull(message, "message");
  }

  /** A success carrying {@code data}. */
  public static Envelope ok(@Nullable Object data) {
    return new Envelope(BizCode.OK.code(), SUCCESS, data);
  }

  /** A failure with {@code code}'s own message. */
  public static Envelope error(BizCode code) {
    return new Envelope(code.code(), code.message(), null);
  }

  /** A failure with a specific message. */
  public static Envelope error(BizCode code, String message) {
    return new Envelope(code.code(), message, null);
  }
}
