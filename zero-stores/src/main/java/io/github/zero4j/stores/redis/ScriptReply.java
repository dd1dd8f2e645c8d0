package io.github.zero4j.stores.redis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The reply of a Lua script, as Redis converts Lua values: {@code nil} (Lua {@code false} or {@code
 * nil}), an integer (Lua numbers are truncated; Lua {@code true} becomes 1), a string (bulk or
 * status), or a list of replies (Lua tables). Read it with the accessor for the shape the script
 * returns; the wrong accessor throws {@link IllegalStateException} naming the actual reply.
 *
 * <pre>{@code
 * boolean allowed = redis.eval(script, keys, args).asBoolean(); // 1 -> true, nil -> false
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ScriptReply {
  private static final ScriptReply NIL = new ScriptReply(null);

  /** null, Long, String, Double, Boolean, or an unmodifiable List of ScriptReply. */
  private final @Nullable Object value;

  private ScriptReply(@Nullable Object value) {
    this.value = value;
  }

  /**
   * Converts what Lettuce's {@code ScriptOutputType.OBJECT} produced: {@code null}, {@code Long}, a
   * decoded {@code String}, {@code List}s of those, and under RESP3 {@code Double}, {@code Boolean}
   * and {@code Map} (flattened to a key, value, ... list).
   */
  static ScriptReply of(@Nullable Object raw) {
    if (raw == null) {
      return NIL;
    }
    if (raw instanceof Long || raw instanceof String || raw instanceof Double) {
      return new ScriptReply(raw);
    }
    if (raw instanceof Boolean b) {
      return new ScriptReply(b);
    }
    if (raw instanceof Integer i) {
      return new ScriptReply(i.longValue());
    }
    if (raw instanceof List<?> list) {
      List<ScriptReply> items = new ArrayList<>(list.size());
      for (Object item : list) {
        items.add(of(item));
      }
      return new ScriptReply(Collections.unmodifiableList(items));
    }
    if (raw instanceof Map<?, ?> map) {
      List<ScriptReply> items = new ArrayList<>(map.size() * 2);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        items.add(of(e.getKey()));
        items.add(of(e.getValue()));
      }
      return new ScriptReply(Collections.unmodifiableList(items));
    }
    return new ScriptReply(raw.toString());
  }

  /** Whether the script returned nil (Lua {@code nil} or {@code false}). */
  public boolean isNil() {
    return value == null;
  }

  /** Whether the script returned an integer. */
  public boolean isInteger() {
    return value instanceof Long;
  }

  /**
   * The integer reply.
   *
   * @throws IllegalStateException if the reply is not an integer
   */
  public long asLong() {
    if (value instanceof Long l) {
      return l;
    }
    throw wrongShape("an integer");
  }

  /**
   * go-zero's reading of a boolean script: integer 1 (Lua {@code true}) is {@code true}; nil (Lua
   * {@code false}) and any other integer are {@code false}. A RESP3 boolean is taken as is.
   *
   * @throws IllegalStateException if the reply is a string or a list
   */
  public boolean asBoolean() {
    if (value == null) {
      return false;
    }
    if (value instanceof Long l) {
      return l == 1;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw wrongShape("an integer or nil");
  }

  /**
   * The string reply (bulk or status, e.g. {@code "OK"}).
   *
   * @throws IllegalStateException if the reply is not a string
   */
  public String asString() {
    if (value instanceof String s) {
      return s;
    }
    throw wrongShape("a string");
  }

  /**
   * The list reply (a Lua table), empty for an empty table.
   *
   * @throws IllegalStateException if the reply is not a list
   */
  @SuppressWarnings("unchecked")
  public List<ScriptReply> asList() {
    if (value instanceof List<?> list) {
      return (List<ScriptReply>) list;
    }
    throw wrongShape("a list");
  }

  private IllegalStateException wrongShape(String expected) {
    return new IllegalStateException("script reply: " + this + " (expected: " + expected + ")");
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ScriptReply other && java.util.Objects.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(value);
  }

  /** {@code nil}, the integer, the string in quotes, or the list in brackets. */
  @Override
  public String toString() {
    if (value == null) {
      return "nil";
    }
    if (value instanceof String s) {
      return s.length() <= 64 ? '"' + s + '"' : '"' + s.substring(0, 64) + "...\"";
    }
    return value.toString();
  }
}
