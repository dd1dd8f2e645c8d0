package io.github.zero4j.core.conf;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A configuration could not be loaded: the file is unreadable or malformed, its content does not
 * fit the target type, or the target type itself is not bindable.
 *
 * <p>Content errors are collected across the whole file and reported together; each {@linkplain
 * #problems() problem} names the key path and what was expected, for example {@code Port: abc
 * (expected: an integer)}, {@code unknown key Redis.Hots (did you mean Redis.Host?)} or {@code
 * missing required key Name}. The message prefixes each with the {@linkplain #source() source} and
 * line, compiler style: {@code etc/user.yaml:7: unknown key Redis.Hots (did you mean Redis.Host?)}.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final List<String> problems;

  ConfigException(String source, List<String> problems, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /**
   * Where the configuration came from: the file path, {@code <yaml>}/{@code <json>} for text,
   * {@code <map>} for a map, or the type's name for a definition error.
   */
  public String source() {
    return source;
  }

  /** Each problem found, without the source prefix, in the order they were found. */
  public List<String> problems() {
    return problems;
  }
}
