package io.github.zero4j.core.conf;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Binds YAML, JSON or a map into a record (or a class with one public constructor), with go-zero's
 * rules and stricter errors. Immutable and thread-safe.
 *
 * <h2>Keys</h2>
 *
 * A component named {@code maxConns} reads the key {@code MaxConns}, {@code maxconns} or any other
 * casing; {@link Key} renames it, {@link Inline} flattens a nested record into the enclosing level
 * (Go's embedded structs). Keys of {@code Map} components are kept as written. A key that matches
 * no component is an error naming the nearest valid key; so is the same key given twice in any
 * case.
 *
 * <h2>Values</h2>
 *
 * <ul>
 *   <li>{@code String}; {@code boolean} ({@code true/false}, {@code yes/no}, {@code on/off}, {@code
 *       1/0}); {@code byte/short/int/long} and {@code BigInteger} (decimal, range-checked); {@code
 *       float/double} and {@code BigDecimal}; their boxes; enums by constant name,
 *       case-insensitively. A number may also be written as a string ({@code "8080"}), so {@code
 *       ${PORT}} works.
 *   <li>{@link java.time.Duration}: an integer is milliseconds, as go-zero's {@code Timeout: 3000};
 *       a string is a Go duration ({@code 500ms}, {@code 1m30s}, {@code 1.5h}, units {@code ns us
 *       µs ms s m h}) or ISO-8601 ({@code PT3S}).
 *   <li>{@code int}/{@code long} marked {@link ByteSize}: also {@code 512KiB}, {@code 1MB}.
 *   <li>{@code List}, {@code Collection}, {@code Set} and arrays from a sequence (a single scalar
 *       is split on commas, so {@code Brokers: ${BROKERS}} works); {@code Map} from a mapping;
 *       {@code Optional}; nested records. Collections come back unmodifiable and in file order.
 * </ul>
 *
 * <h2>Absent keys</h2>
 *
 * A key that is absent, or present with no value ({@code Key:} or {@code ~}), takes in turn: its
 * {@link Default}; {@code Optional.empty()} for an {@code Optional}; its zero value when marked
 * {@link OptionalKey}; {@code null} when its type is annotated {@code @Nullable} (JSpecify); for a
 * record, the record bound from an empty mapping (so its defaults apply and only its required keys
 * are reported). Anything else is required, collections included: {@code missing required key
 * Name}.
 *
 * <h2>Environment</h2>
 *
 * Unless switched off, {@code ${VAR}} and {@code ${VAR:-default}} in scalar values are replaced
 * from the environment ({@code :-} also applies when the variable is empty, as in a shell). An
 * unset variable without a default is an error naming it and the key. <code>$${</code> writes a
 * literal <code>${</code>; any other {@code $} is literal.
 *
 * <h2>Validation</h2>
 *
 * {@link Options} and {@link Range} are checked after conversion. A compact constructor that throws
 * is reported as a problem of that key, which is how a record validates itself (go-zero's {@code
 * Validate()}, but at every level).
 */
public final class ConfLoader {
  private static final ConfLoader DEFAULTS = new ConfLoader(System::getenv, true);

  private final Function<String, @Nullable String> env;
  private final boolean expandEnv;

  private ConfLoader(Function<String, @Nullable String> env, boolean expandEnv) {
    this.env = env;
    this.expandEnv = expandEnv;
  }

  /** A loader reading the process environment, with {@code ${VAR}} expansion on. */
  public static ConfLoader ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from {@link #ofDefaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code file} as UTF-8 (format from its extension) and binds it to {@code type}.
   *
   * @throws ConfigException naming every problem found, each prefixed with the file path
   */
  public <T> T load(Path file, Class<T> type) {
    requireNonNull(file, "file");
    requireNonNull(type, "type");
    Format format = Format.of(file);
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Problems.single(file.toString(), 0, "cannot read the file: " + e, e);
    }
    return bind(TreeReader.read(content, format, file.toString()), type, file.toString());
  }

  /**
   * Binds {@code content}, written in {@code format}, to {@code type}. Problems are prefixed with
   * {@code <yaml>} or {@code <json>}.
   *
   * @throws ConfigException naming every problem found
   */
  public <T> T load(String content, Format format, Class<T> type) {
    requireNonNull(content, "content");
    requireNonNull(format, "format");
    requireNonNull(type, "type");
    String source = format == Format.YAML ? "<yaml>" : "<json>";
    return bind(TreeReader.read(content, format, source), type, source);
  }

  /**
   * Binds an already-parsed tree to {@code type}: nested {@code Map}s, {@code List}s (or arrays)
   * and scalars, which are read through their {@code toString()}. Problems are prefixed with {@code
   * <map>}.
   *
   * @throws ConfigException naming every problem found
   */
  public <T> T load(Map<String, ?> tree, Class<T> type) {
    requireNonNull(tree, "tree");
    requireNonNull(type, "type");
    return bind(TreeReader.fromMap(tree), type, "<map>");
  }

  private <T> T bind(Node root, Class<T> type, String source) {
    Problems problems = new Problems(source);
    Binder binder = new Binder(expandEnv ? new EnvExpander(env) : null, problems);
    @Nullable Object value = binder.bindRoot(root, type);
    problems.throwIfAny();
    return type.cast(requireNonNull(value, "value"));
  }

  /** Builds a {@link ConfLoader}. */
  public static final class Builder {
    private Function<String, @Nullable String> env = System::getenv;
    private boolean expandEnv = true;

    private Builder() {}

    /** The environment {@code ${VAR}} reads from, instead of the process environment (tests). */
    public Builder env(Map<String, String> env) {
      Map<String, String> copy = Map.copyOf(requireNonNull(env, "env"));
      this.env = copy::get;
      return this;
    }

    /** Whether {@code ${VAR}} is expanded in scalar values; default {@code true}. */
    public Builder expandEnv(boolean expandEnv) {
      this.expandEnv = expandEnv;
      return this;
    }

    /** A loader with these settings. */
    public ConfLoader build() {
      return new ConfLoader(env, expandEnv);
    }
  }
}
