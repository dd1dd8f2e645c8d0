package io.github.zero4j.stores.sqlc;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Cache keys in goctl's shape, so Java and Go models of one table share cache entries: a prefix
 * {@code cache[:db]:table:field[:field...]:} with every segment in lower camel case ({@code
 * test_user} becomes {@code testUser}), then the key's values formatted as Go's {@code %v} and
 * joined by {@code ":"}.
 *
 * <pre>{@code
 * CacheKeys.key(CacheKeys.prefix("user", "id"), 1)                          // cache:user:id:1
 * CacheKeys.key(CacheKeys.prefixWith("cache", "go_zero", "user", "mobile"), m)
 * CacheKeys.key(CacheKeys.prefix("user", "class", "name"), "3a", "ann")     // cache:user:class:name:3a:ann
 * }</pre>
 *
 * <p>Values: integers in decimal, strings as they are, booleans {@code true}/{@code false},
 * integral floating-point values without a fraction ({@code 2.0} is {@code 2}, as in Go); other
 * types use {@code toString()}, which matches Go only for simple types (goctl formats {@code
 * time.Time} and {@code sql.Null*} its own way).
 */
public final class CacheKeys {
  /** goctl's default {@code --prefix}. */
  public static final String DEFAULT_PREFIX = "cache";

  private static final String SEPARATOR = ":";

  /** Go's %v switches floats to exponent form from 1e21 on. */
  private static final double GO_EXPONENT_THRESHOLD = 1e21;

  private CacheKeys() {}

  /** {@code cache:<table>:<field>...:}, with no database segment. */
  public static String prefix(String table, String... fields) {
    return prefixWith(DEFAULT_PREFIX, null, table, fields);
  }

  /**
   * {@code <cachePrefix>:[<db>:]<table>:<field>...:}; {@code db} may be null or empty when the
   * model was generated without a database name.
   */
  public static String prefixWith(
      String cachePrefix, @Nullable String db, String table, String... fields) {
    requireNonNull(cachePrefix, "cachePrefix");
    requireNonNull(table, "table");
    requireNonNull(fields, "fields");
    if (fields.length == 0) {
      throw new IllegalArgumentException("fields: [] (expected: at least one key column)");
    }
    StringBuilder sb = new StringBuilder(cachePrefix).append(SEPARATOR);
    if (db != null && !db.isEmpty()) {
      sb.append(camel(db)).append(SEPARATOR);
    }
    sb.append(camel(table)).append(SEPARATOR);
    for (String field : fields) {
      sb.append(camel(requireNonNull(field, "field"))).append(SEPARATOR);
    }
    return sb.toString();
  }

  /** {@code prefix} followed by {@code values} formatted as Go's {@code %v}, joined by ":". */
  public static String key(String prefix, Object... values) {
    requireNonNull(prefix, "prefix");
    requireNonNull(values, "values");
    if (values.length == 0) {
      throw new IllegalArgumentException("values: [] (expected: at least one value)");
    }
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(SEPARATOR);
      }
      sb.append(format(requireNonNull(values[i], "value")));
    }
    return sb.toString();
  }

  /**
   * goctl's segment spelling: snake case to camel case with a lower-case first letter ({@code
   * user_id} to {@code userId}, {@code Go_Zero} to {@code goZero}).
   */
  public static String camel(String name) {
    requireNonNull(name, "name");
    StringBuilder sb = new StringBuilder(name.length());
    boolean upperNext = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '_' || c == '-' || c == ' ') {
        upperNext = sb.length() > 0;
        continue;
      }
      if (sb.length() == 0) {
        sb.append(Character.toLowerCase(c));
      } else if (upperNext) {
        sb.append(Character.toUpperCase(c));
      } else {
        sb.append(c);
      }
      upperNext = false;
    }
    return sb.toString();
  }

  static String format(Object value) {
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < GO_EXPONENT_THRESHOLD && !Double.isInfinite(d)) {
        return Long.toString((long) d);
      }
      return value.toString().toLowerCase(Locale.ROOT);
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    return value.toString();
  }
}
