package io.github.zero4j.core.conf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration notations a go-zero file uses: a bare integer is milliseconds ({@code
 * Timeout: 3000}, go-zero's {@code int64} millisecond fields), a Go duration string is what {@code
 * time.ParseDuration} accepts ({@code 500ms}, {@code 1m30s}, {@code -1.5h}, {@code 0}), and
 * ISO-8601 ({@code PT3S}) is Java's own. Units are case-sensitive, as in Go.
 */
final class Durations {
  static final String EXPECTED = "a duration such as 3000 (milliseconds), 500ms, 1m30s or PT3S";

  private static final Pattern MILLIS = Pattern.compile("[+-]?\\d+");
  private static final Pattern GO_DURATION =
      Pattern.compile("[+-]?(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:ns|us|µs|μs|ms|s|m|h))+");
  private static final Pattern GO_TERM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)([a-zµμ]+)");
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws Mismatch when it is none of the notations, or out of {@link Duration}'s range
   */
  static Duration parse(String text) {
    String s = text.strip();
    try {
      if (MILLIS.matcher(s).matches()) {
        return Duration.ofMillis(Long.parseLong(s));
      }
      if (s.toUpperCase(Locale.ROOT).matches("[+-]?P.*")) {
        return Duration.parse(s);
      }
      if (GO_DURATION.matcher(s).matches()) {
        return goDuration(s);
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      throw new Mismatch(EXPECTED);
    }
    throw new Mismatch(EXPECTED);
  }

  private static Duration goDuration(String s) {
    boolean negative = s.startsWith("-");
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher term = GO_TERM.matcher(s);
    while (term.find()) {
      nanos = nanos.add(new BigDecimal(term.group(1)).multiply(unitNanos(term.group(2))));
    }
    BigInteger whole = nanos.toBigInteger();
    BigInteger[] secondsAndNanos = whole.divideAndRemainder(NANOS_PER_SECOND.toBigInteger());
    Duration duration =
        Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
    return negative ? duration.negated() : duration;
  }

  private static BigDecimal unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> BigDecimal.ONE;
      case "us", "µs", "μs" -> BigDecimal.valueOf(1_000L);
      case "ms" -> BigDecimal.valueOf(1_000_000L);
      case "s" -> NANOS_PER_SECOND;
      case "m" -> BigDecimal.valueOf(60_000_000_000L);
      case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
      default -> throw new Mismatch(EXPECTED);
    };
  }
}
