package io.github.zero4j.core.conf;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses byte counts for {@link ByteSize} components: a plain integer, or an integer with a unit
 * {@code B}, {@code K}/{@code KB}/{@code KiB}, {@code M..}, {@code G..}, {@code T..}, all binary
 * multiples, case-insensitive, with optional space ({@code 512 KiB}).
 */
final class ByteSizes {
  static final String EXPECTED = "a byte size such as 1048576, 512KiB or 1MiB";

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?");
  private static final String UNITS = "kmgt";
  private static final int BITS_PER_BINARY_STEP = 10;

  private ByteSizes() {}

  /**
   * Parses {@code text} into a byte count.
   *
   * @throws Mismatch when it is not a size, or does not fit a long
   */
  static long parse(String text) {
    Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches() || (m.group(2).isEmpty() && "ib".equals(m.group(3)))) {
      throw new Mismatch(EXPECTED);
    }
    try {
      long count = Long.parseLong(m.group(1));
      if (m.group(2).isEmpty()) {
        return count;
      }
      int shift = (UNITS.indexOf(m.group(2)) + 1) * BITS_PER_BINARY_STEP;
      if (Long.numberOfLeadingZeros(count) <= shift) {
        throw new Mismatch(EXPECTED);
      }
      return count << shift;
    } catch (NumberFormatException e) {
      throw new Mismatch(EXPECTED);
    }
  }
}
