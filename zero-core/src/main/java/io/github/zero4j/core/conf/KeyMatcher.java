package io.github.zero4j.core.conf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the component a key names, case-insensitively (go-zero's rule), and for a key that names
 * none, the nearest valid key by Damerau-Levenshtein distance (optimal string alignment: insert,
 * delete, substitute, swap two neighbours), so {@code Hots} suggests {@code Host}. Immutable.
 */
final class KeyMatcher {
  /** A key at most this far from a candidate, per letter, is a likely typo: one edit in three. */
  private static final int LETTERS_PER_EDIT = 3;

  /** Shortest unknown key that may be suggested a longer key it is a prefix of. */
  private static final int MIN_PREFIX_LENGTH = 3;

  private final Map<String, Property> byKey;
  private final List<String> keys;

  private KeyMatcher(Map<String, Property> byKey, List<String> keys) {
    this.byKey = byKey;
    this.keys = keys;
  }

  /**
   * Indexes {@code properties} by key.
   *
   * @throws IllegalArgumentException when two keys differ only in case
   */
  static KeyMatcher of(List<Property> properties) {
    Map<String, Property> byKey = new HashMap<>();
    List<String> keys = new ArrayList<>();
    for (Property property : properties) {
      @Nullable Property clash = byKey.putIfAbsent(fold(property.key()), property);
      if (clash != null) {
        throw new IllegalArgumentException(
            "conflict key "
                + property.key()
                + ": components "
                + clash.name()
                + " and "
                + property.name()
                + " read the same key (expected: distinct keys, see @Key and @Inline)");
      }
      keys.add(property.key());
    }
    return new KeyMatcher(Map.copyOf(byKey), List.copyOf(keys));
  }

  /** The component {@code key} names, ignoring case, or {@code null}. */
  @Nullable Property find(String key) {
    return byKey.get(fold(key));
  }

  /** The valid key nearest to {@code unknown}, or {@code null} when none is plausibly meant. */
  @Nullable String nearest(String unknown) {
    String folded = fold(unknown);
    @Nullable String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String key : keys) {
      int distance = distance(folded, fold(key));
      if (distance < bestDistance) {
        best = key;
        bestDistance = distance;
      }
    }
    if (best == null) {
      return null;
    }
    int allowed = Math.max(1, folded.length() / LETTERS_PER_EDIT);
    if (bestDistance <= allowed) {
      return best;
    }
    for (String key : keys) {
      if (folded.length() >= MIN_PREFIX_LENGTH && fold(key).startsWith(folded)) {
        return key;
      }
    }
    return null;
  }

  /** Optimal-string-alignment distance between {@code a} and {@code b}. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        boolean swapped =
            i > 1
                && j > 1
                && a.charAt(i - 1) == b.charAt(j - 2)
                && a.charAt(i - 2) == b.charAt(j - 1);
        if (swapped) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }

  private static String fold(String key) {
    return key.toLowerCase(Locale.ROOT);
  }
}
