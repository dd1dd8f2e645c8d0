package io.github.zero4j.core.conf;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects content problems during one bind, so a file with three mistakes reports all three. Not
 * thread-safe: one instance per bind.
 */
final class Problems {
  private final String source;
  private final List<String> texts = new ArrayList<>();
  private final List<String> located = new ArrayList<>();

  Problems(String source) {
    this.source = source;
  }

  /** One problem that stops loading at once (unreadable file, malformed text, bad type). */
  static ConfigException single(
      String source, int line, String problem, @Nullable Throwable cause) {
    return new ConfigException(source, List.of(problem), locate(source, line, problem), cause);
  }

  /** Records {@code text}, found at {@code line} (0 when unknown). */
  void add(int line, String text) {
    texts.add(text);
    located.add(locate(source, line, text));
  }

  /** How many problems were recorded; a bind compares counts to see if a subtree failed. */
  int count() {
    return texts.size();
  }

  /**
   * Throws when anything was recorded. One problem reads {@code etc/user.yaml:3: Port: abc
   * (expected: an integer)}; several get a count line, then one located line each.
   */
  void throwIfAny() {
    if (texts.isEmpty()) {
      return;
    }
    String message =
        texts.size() == 1
            ? located.get(0)
            : texts.size() + " config errors in " + source + ":\n  " + String.join("\n  ", located);
    throw new ConfigException(source, texts, message, null);
  }

  private static String locate(String source, int line, String text) {
    return (line > 0 ? source + ":" + line : source) + ": " + text;
  }
}
