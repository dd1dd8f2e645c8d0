package io.github.zero4j.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.timex.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuSamplerTest {
  private static final Duration TICK = Duration.ofMillis(CpuSampler.INTERVAL_MILLIS);

  /** A source whose cumulative CPU time the test sets. */
  private static final class FakeSource implements CpuSource {
    final double limit;
    long usage;

    FakeSource(double limit) {
      this.limit = limit;
    }

    @Override
    public long usageNanos() {
      return usage;
    }

    @Override
    public double limitCores() {
      return limit;
    }

    @Override
    public String describe() {
      return "fake";
    }
  }

  private final FakeTicker ticker = new FakeTicker();

  @Test
  void sample_isCpuTimeOverWallTimeTimesLimit_inPerMille() {
    FakeSource source = new FakeSource(2.0);
    CpuSampler sampler = new CpuSampler(source, ticker);
    ticker.advance(TICK);
    source.usage += Duration.ofMillis(375).toNanos(); // 1.5 cores for 250 ms
    assertThat(sampler.sample()).isEqualTo(750);
    assertThat(sampler.current()).isEqualTo(37); // (int) (0.95 * 0 + 0.05 * 750)
    ticker.advance(TICK);
    source.usage += Duration.ofMillis(375).toNanos();
    assertThat(sampler.sample()).isEqualTo(750);
    assertThat(sampler.current()).isEqualTo(72); // (int) (0.95 * 37 + 37.5) = (int) 72.65
  }

  @Test
  void sample_isCappedAtFullCpu_andZeroWhenNothingMoves() {
    FakeSource source = new FakeSource(0.5);
    CpuSampler sampler = new CpuSampler(source, ticker);
    ticker.advance(TICK);
    source.usage += Duration.ofMillis(500).toNanos(); // 2 cores on a half-core quota
    assertThat(sampler.sample()).isEqualTo(1000);
    assertThat(sampler.sample()).isZero(); // no wall time elapsed
    ticker.advance(TICK);
    assertThat(sampler.sample()).isZero(); // no CPU used
  }

  @Test
  void sample_unreadableUsage_countsAsZero() {
    FakeSource source = new FakeSource(1.0);
    CpuSampler sampler = new CpuSampler(source, ticker);
    ticker.advance(TICK);
    source.usage = -1;
    assertThat(sampler.sample()).isZero();
    ticker.advance(TICK);
    source.usage = Duration.ofMillis(250).toNanos();
    assertThat(sampler.sample()).isZero(); // no valid previous reading
    ticker.advance(TICK);
    source.usage += Duration.ofMillis(250).toNanos();
    assertThat(sampler.sample()).isEqualTo(1000);
  }

  @Test
  void ewma_underFullLoad_reaches900AfterAbout45Samples_andSettlesAt981() {
    FakeSource source = new FakeSource(1.0);
    CpuSampler sampler = new CpuSampler(source, ticker);
    int samplesTo900 = 0;
    for (int i = 1; i <= 200; i++) {
      ticker.advance(TICK);
      source.usage += TICK.toNanos();
      sampler.sample();
      if (samplesTo900 == 0 && sampler.current() >= 900) {
        samplesTo900 = i;
      }
    }
    assertThat(samplesTo900).isBetween(44, 48);
    assertThat(sampler.current()).isEqualTo(981);
  }

  @Test
  void cpuUsage_get_isPerMille() {
    int usage = CpuUsage.get();
    assertThat(usage).isBetween(0, 1000);
    assertThat(CpuUsage.detectSource().limitCores()).isPositive();
  }
}
