package io.github.zero4j.core.conf;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The notations a configuration can be written in. */
public enum Format {
  /** YAML 1.1 as SnakeYAML reads it, including anchors, aliases and {@code <<} merge keys. */
  YAML,
  /** JSON. */
  JSON;

  /**
   * The format a file's extension names, case-insensitively: {@code .yaml} and {@code .yml} are
   * YAML, {@code .json} is JSON (go-zero's loader choice; its TOML and JSON5 are not supported).
   *
   * @throws ConfigException for any other extension
   */
  public static Format of(Path file) {
    requireNonNull(file, "file");
    @Nullable Path name = file.getFileName();
    String fileName = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (fileName.endsWith(".yaml") || fileName.endsWith(".yml")) {
      return YAML;
    }
    if (fileName.endsWith(".json")) {
      return JSON;
    }
    throw Problems.single(
        file.toString(), 0, "unrecognized file type (expected: a .yaml, .yml or .json file)", null);
  }
}
