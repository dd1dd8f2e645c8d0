package io.github.zero4j.core.conf;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in one scalar, shell style: the default is
 * used when the variable is unset or empty. <code>$${</code> is a literal <code>${</code>; every
 * other {@code $} is literal, so passwords containing {@code $} survive. Defaults are taken
 * literally (no nested references).
 *
 * <p>go-zero's {@code conf.UseEnv()} expands {@code $NAME} too, over the raw file text, and turns
 * an unset variable into an empty string; here expansion is per value, so the error can name the
 * key.
 */
final class EnvExpander {
  private static final String DEFAULT_SEPARATOR = ":-";

  private final Function<String, @Nullable String> env;

  EnvExpander(Function<String, @Nullable String> env) {
    this.env = env;
  }

  /**
   * Returns {@code text} with every reference replaced.
   *
   * @throws IllegalArgumentException naming the variable when one is unset without a default, or
   *     describing a malformed reference
   */
  String expand(String text) {
    int dollar = text.indexOf('$');
    if (dollar < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    while (dollar >= 0) {
      out.append(text, from, dollar);
      if (text.startsWith("$${", dollar)) {
        out.append("${");
        from = dollar + 3;
      } else if (text.startsWith("${", dollar)) {
        int close = text.indexOf('}', dollar + 2);
        if (close < 0) {
          throw new IllegalArgumentException(
              "unterminated ${ (expected: ${NAME} or ${NAME:-default})");
        }
        out.append(resolve(text.substring(dollar + 2, close)));
        from = close + 1;
      } else {
        out.append('$');
        from = dollar + 1;
      }
      dollar = text.indexOf('$', from);
    }
    return out.append(text, from, text.length()).toString();
  }

  private String resolve(String reference) {
    int separator = reference.indexOf(DEFAULT_SEPARATOR);
    String name = separator < 0 ? reference : reference.substring(0, separator);
    if (name.isBlank()) {
      throw new IllegalArgumentException(
          "${" + reference + "} names no variable (expected: ${NAME} or ${NAME:-default})");
    }
    @Nullable String value = env.apply(name);
    if (separator >= 0) {
      return value == null || value.isEmpty()
          ? reference.substring(separator + DEFAULT_SEPARATOR.length())
          : value;
    }
    if (value == null) {
      throw new IllegalArgumentException(
          "environment variable "
              + name
              + " is not set (expected: it set, or a default as in ${"
              + name
              + ":-value})");
    }
    return value;
  }
}
