package io.github.zero4j.core.conf;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The value checks a component declares ({@link Options}, {@link Range}), applied to each scalar
 * bound under it after conversion. Immutable.
 */
final class Checks {
  static final Checks NONE = new Checks(null, List.of(), null);

  private final @Nullable List<Object> options;
  private final List<String> optionTexts;
  private final @Nullable Interval range;

  Checks(@Nullable List<Object> options, List<String> optionTexts, @Nullable Interval range) {
    this.options = options;
    this.optionTexts = List.copyOf(optionTexts);
    this.range = range;
  }

  /**
   * Checks a converted value.
   *
   * @throws Mismatch saying which values are allowed
   */
  void verify(Object value) {
    if (options != null && !options.contains(value)) {
      throw new Mismatch("one of " + String.join(", ", optionTexts));
    }
    if (range != null && !range.contains(((Number) value).doubleValue())) {
      throw new Mismatch("in " + range);
    }
  }
}
