package io.github.zero4j.rest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * HTTP header fields: an ordered list of name/value pairs whose names compare case-insensitively,
 * kept in one array as OkHttp's {@code Headers} does (lookups scan it; requests carry a handful of
 * fields, where a scan beats hashing).
 *
 * <p>Immutable and thread-safe. Names and values are checked when added: no CR, LF or NUL anywhere
 * (response splitting), and names are non-empty with no colon or whitespace.
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(new String[0]);

  private final String[] namesAndValues;

  private Headers(String[] namesAndValues) {
    this.namesAndValues = namesAndValues;
  }

  /** No fields. */
  public static Headers empty() {
    return EMPTY;
  }

  /** Fields from alternating names and values: {@code of("Accept", "*\/*", "X-Id", "7")}. */
  public static Headers of(String... namesAndValues) {
    requireNonNull(namesAndValues, "namesAndValues");
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "namesAndValues: " + namesAndValues.length + " strings (expected: an even count)");
    }
    Builder builder = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      builder.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return builder.build();
  }

  /** A builder with no fields. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these fields. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.namesAndValues.addAll(Arrays.asList(namesAndValues));
    return builder;
  }

  /** The first value of {@code name}. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(first(name));
  }

  /** Every value of {@code name}, in order; empty when absent. */
  public List<String> values(String name) {
    requireNonNull(name, "name");
    List<String> values = null;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (name.equalsIgnoreCase(namesAndValues[i])) {
        if (values == null) {
          values = new ArrayList<>(2);
        }
        values.add(namesAndValues[i + 1]);
      }
    }
    return values == null ? List.of() : Collections.unmodifiableList(values);
  }

  /** Whether {@code name} is present. */
  public boolean contains(String name) {
    return first(name) != null;
  }

  /** The number of fields (a name given twice counts twice). */
  public int size() {
    return namesAndValues.length / 2;
  }

  /** The name of field {@code index}, as spelled when added. */
  public String name(int index) {
    return namesAndValues[checkIndex(index) * 2];
  }

  /** The value of field {@code index}. */
  public String value(int index) {
    return namesAndValues[checkIndex(index) * 2 + 1];
  }

  /** The distinct names, case-insensitively ordered. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      names.add(namesAndValues[i]);
    }
    return Collections.unmodifiableSet(names);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Headers that && Arrays.equals(that.namesAndValues, namesAndValues);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(namesAndValues);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.append(namesAndValues[i]).append(": ").append(namesAndValues[i + 1]).append('\n');
    }
    return out.toString();
  }

  @Nullable String first(String name) {
    requireNonNull(name, "name");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (name.equalsIgnoreCase(namesAndValues[i])) {
        return namesAndValues[i + 1];
      }
    }
    return null;
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException(
          "index: " + index + " (expected: 0-" + (size() - 1) + ")");
    }
    return index;
  }

  /** Collects fields; not thread-safe. */
  public static final class Builder {
    private final List<String> namesAndValues = new ArrayList<>(16);

    private Builder() {}

    /** Appends a field, keeping any earlier value of {@code name}. */
    public Builder add(String name, String value) {
      namesAndValues.add(checkName(name));
      namesAndValues.add(checkValue(name, value));
      return this;
    }

    /** Replaces every value of {@code name} with {@code value}. */
    public Builder set(String name, String value) {
      remove(name);
      return add(name, value);
    }

    /** Removes every value of {@code name}. */
    public Builder remove(String name) {
      requireNonNull(name, "name");
      for (int i = namesAndValues.size() - 2; i >= 0; i -= 2) {
        if (name.equalsIgnoreCase(namesAndValues.get(i))) {
          namesAndValues.remove(i + 1);
          namesAndValues.remove(i);
        }
      }
      return this;
    }

    /** Appends every field of {@code headers}. */
    public Builder addAll(Headers headers) {
      namesAndValues.addAll(Arrays.asList(requireNonNull(headers, "headers").namesAndValues));
      return this;
    }

    /** The immutable fields. */
    public Headers build() {
      return namesAndValues.isEmpty() ? EMPTY : new Headers(namesAndValues.toArray(new String[0]));
    }

    private static String checkName(String name) {
      requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("header name: \"\" (expected: non-empty)");
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c <= ' ' || c == ':' || c >= 0x7f) {
          throw new IllegalArgumentException(
              "header name: " + describe(name) + " (expected: visible ASCII without ':')");
        }
      }
      return name;
    }

    private static String checkValue(String name, String value) {
      requireNonNull(value, "value");
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\r' || c == '\n' || c == 0) {
          throw new IllegalArgumentException(
              "header " + name + ": " + describe(value) + " (expected: no CR, LF or NUL)");
        }
      }
      return value;
    }

    private static String describe(String text) {
      StringBuilder out = new StringBuilder("\"");
      for (int i = 0; i < text.length() && i < 64; i++) {
        char c = text.charAt(i);
        if (c < ' ' || c == 0x7f) {
          out.append(String.format("\\x%02x", (int) c));
        } else {
          out.append(c);
        }
      }
      return out.append(text.length() > 64 ? "...\"" : "\"").toString();
    }
  }
}
