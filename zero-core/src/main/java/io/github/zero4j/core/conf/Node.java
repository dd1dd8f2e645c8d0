package io.github.zero4j.core.conf;

import java.util.List;

/**
 * The parsed document, kept close to the text: scalars keep their exact spelling (so {@code
 * Version: 1.10} binds to a {@code String} as {@code "1.10"}), mappings keep every member in order
 * including repeated keys (the binder reports them), and each node knows its line.
 */
sealed interface Node permits Node.Mapping, Node.Sequence, Node.Scalar, Node.Empty {

  /** 1-based line where the node starts, or 0 when unknown (maps, defaults). */
  int line();

  /** A key and its value; {@code line} is the key's line. */
  record Member(String key, int line, Node value) {}

  /** A mapping: {@code Key: value} pairs. */
  record Mapping(List<Member> members, int line) implements Node {
    public Mapping {
      members = List.copyOf(members);
    }
  }

  /** A sequence: {@code [a, b]} or {@code - a} items. */
  record Sequence(List<Node> items, int line) implements Node {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /** A string, number or boolean, exactly as written. */
  record Scalar(String text, int line) implements Node {}

  /** An explicit null: {@code Key:}, {@code Key: ~} or JSON {@code null}. */
  record Empty(int line) implements Node {}

  /** Short description of a node's shape for messages: its text, "a list" or "an object". */
  static String describe(Node node) {
    if (node instanceof Scalar scalar) {
      String text = scalar.text();
      return text.isEmpty() ? "\"\"" : abbreviate(text);
    }
    if (node instanceof Sequence) {
      return "a list";
    }
    if (node instanceof Mapping) {
      return "an object";
    }
    return "no value";
  }

  /** Longest value quoted in a message; longer ones are cut (a DSN is usually shorter). */
  int MAX_SHOWN_CHARS = 80;

  private static String abbreviate(String text) {
    return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "...";
  }
}
