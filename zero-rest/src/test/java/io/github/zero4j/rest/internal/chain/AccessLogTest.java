package io.github.zero4j.rest.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AccessLogTest {

  private static String formatted(long nanos) {
    return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
  }

  @Test
  void duration_matchesTheFormatterAtEveryRoundingEdge() {
    long[] edges = {
      0,
      1,
      49_999,
      50_000,
      50_001,
      99_999,
      100_000,
      149_999,
      150_000,
      949_999,
      950_000,
      999_999,
      1_000_000,
      1_049_999,
      1_050_000,
      1_250_000,
      9_950_000,
      99_950_000,
      500_000_000,
      180_000_000_000L,
      Long.MAX_VALUE / 1_000,
      -1,
      -50_000,
      -1_250_000
    };
    for (long nanos : edges) {
      assertThat(AccessLog.duration(nanos)).as("%d ns", nanos).isEqualTo(formatted(nanos));
    }
  }

  @Test
  void duration_matchesTheFormatterOnRandomDurations() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 100_000; i++) {
      // Mostly sub-second, some up to an hour: the durations an access line shows.
      long nanos = random.nextLong(i % 10 == 0 ? 3_600_000_000_000L : 1_000_000_000L);
      assertThat(AccessLog.duration(nanos)).as("%d ns", nanos).isEqualTo(formatted(nanos));
    }
  }

  @Test
  void appendDuration_appendsToWhatIsThere() {
    assertThat(AccessLog.appendDuration(new StringBuilder("d="), 1_260_000).toString())
        .isEqualTo("d=1.3ms");
  }
}
