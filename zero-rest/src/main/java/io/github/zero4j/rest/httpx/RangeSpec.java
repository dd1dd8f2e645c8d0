package io.github.zero4j.rest.httpx;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A numeric interval in go-zero's notation (core/mapping/utils.go {@code parseNumberRange}): {@code
 * [} or {@code (} opens it, {@code ]} or {@code )} closes it, a colon separates the bounds, and an
 * empty bound is unbounded: {@code [1:10)}, {@code (0:]}, {@code [:100]}. Immutable.
 */
final class RangeSpec {
  private final String text;
  private final @Nullable BigDecimal low;
  private final boolean lowInclusive;
  private final @Nullable BigDecimal high;
  private final boolean highInclusive;

  private RangeSpec(
      String text,
      @Nullable BigDecimal low,
      boolean lowInclusive,
      @Nullable BigDecimal high,
      boolean highInclusive) {
    this.text = text;
    this.low = low;
    this.lowInclusive = lowInclusive;
    this.high = high;
    this.highInclusive = highInclusive;
  }

  static RangeSpec parse(String text) {
    String trimmed = text.trim();
    if (trimmed.length() < 3) {
      throw invalid(text);
    }
    char open = trimmed.charAt(0);
    char close = trimmed.charAt(trimmed.length() - 1);
    if ((open != '[' && open != '(') || (close != ']' && close != ')')) {
      throw invalid(text);
    }
    String inner = trimmed.substring(1, trimmed.length() - 1);
    int colon = inner.indexOf(':');
    if (colon < 0 || inner.indexOf(':', colon + 1) >= 0) {
      throw invalid(text);
    }
    BigDecimal low = bound(inner.substring(0, colon), text);
    BigDecimal high = bound(inner.substring(colon + 1), text);
    if (low != null && high != null && low.compareTo(high) > 0) {
      throw invalid(text);
    }
    return new RangeSpec(trimmed, low, open == '[', high, close == ']');
  }

  boolean contains(BigDecimal value) {
    if (low != null) {
      int compared = value.compareTo(low);
      if (compared < 0 || (compared == 0 && !lowInclusive)) {
        return false;
      }
    }
    if (high != null) {
      int compared = value.compareTo(high);
      if (compared > 0 || (compared == 0 && !highInclusive)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }

  private static @Nullable BigDecimal bound(String text, String whole) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(trimmed);
    } catch (NumberFormatException e) {
      throw invalid(whole);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "@Range(\"" + text + "\") (expected: go-zero's notation, e.g. [1:10) or (0:])");
  }
}
