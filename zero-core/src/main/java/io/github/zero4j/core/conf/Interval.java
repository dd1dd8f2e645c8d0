package io.github.zero4j.core.conf;

/**
 * A numeric interval in go-zero's {@code range=} notation (core/mapping/fieldoptions.go): {@code
 * [a:b]}, {@code (a:b)}, {@code [a:b)}, {@code (a:b]}, with either bound (not both) left out to
 * mean unbounded. Bounds are compared as doubles, as go-zero compares float64s. Immutable.
 */
final class Interval {
  private final String spec;
  private final double lower;
  private final double upper;
  private final boolean lowerIncluded;
  private final boolean upperIncluded;

  private Interval(
      String spec, double lower, double upper, boolean lowerIncluded, boolean upperIncluded) {
    this.spec = spec;
    this.lower = lower;
    this.upper = upper;
    this.lowerIncluded = lowerIncluded;
    this.upperIncluded = upperIncluded;
  }

  /**
   * Parses {@code spec}.
   *
   * @throws IllegalArgumentException when it is not an interval, or an empty one
   */
  static Interval parse(String spec) {
    String s = spec.strip();
    if (s.length() < 3) {
      throw invalid(spec);
    }
    boolean lowerIncluded = bracket(s.charAt(0), '[', '(', spec);
    boolean upperIncluded = bracket(s.charAt(s.length() - 1), ']', ')', spec);
    String body = s.substring(1, s.length() - 1);
    int colon = body.indexOf(':');
    if (colon < 0 || body.indexOf(':', colon + 1) >= 0) {
      throw invalid(spec);
    }
    String left = body.substring(0, colon).strip();
    String right = body.substring(colon + 1).strip();
    if (left.isEmpty() && right.isEmpty()) {
      throw invalid(spec);
    }
    double lower = left.isEmpty() ? Double.NEGATIVE_INFINITY : number(left, spec);
    double upper = right.isEmpty() ? Double.POSITIVE_INFINITY : number(right, spec);
    boolean empty = lower > upper || (lower == upper && !(lowerIncluded && upperIncluded));
    if (empty) {
      throw new IllegalArgumentException(spec + " is empty (expected: an interval with values)");
    }
    return new Interval(s, lower, upper, lowerIncluded, upperIncluded);
  }

  boolean contains(double value) {
    boolean aboveLower = lowerIncluded ? value >= lower : value > lower;
    boolean belowUpper = upperIncluded ? value <= upper : value < upper;
    return aboveLower && belowUpper;
  }

  /** The interval as written, for example {@code [0:1000)}. */
  @Override
  public String toString() {
    return spec;
  }

  private static boolean bracket(char c, char closed, char open, String spec) {
    if (c == closed) {
      return true;
    }
    if (c == open) {
      return false;
    }
    throw invalid(spec);
  }

  private static double number(String text, String spec) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw invalid(spec);
    }
  }

  private static IllegalArgumentException invalid(String spec) {
    return new IllegalArgumentException(
        spec
            + " is not an interval (expected: [a:b], (a:b), [a:b), (a:b], a bound may be omitted)");
  }
}
