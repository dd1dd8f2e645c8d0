package io.github.zero4j.core.load;

import io.github.zero4j.core.timex.Ticker;
import java.util.concurrent.TimeUnit;

/**
 * Turns cumulative CPU time into go-zero's CPU usage figure: per mille of the CPU limit, smoothed
 * by an EWMA that a sampler thread feeds every {@value #INTERVAL_MILLIS} ms.
 *
 * <p>One sample is {@code min(1000, Δcpu_ns * 1000 / (Δwall_ns * limitCores))}, and the EWMA is
 * {@code (int) (0.95 * previous + 0.05 * sample)}, starting from 0 (go-zero core/stat/usage.go).
 * go-zero divides by the host-wide {@code /proc/stat} time times the cpuset size instead of the
 * wall time, which under-reports when the cpuset is smaller than the host (go-zero #4265); the
 * elapsed wall time from the ticker measures what go-zero means: this container's CPU against its
 * quota.
 *
 * <p>{@link #sample()} is called by one thread at a time; {@link #current()} by any thread.
 */
final class CpuSampler {
  /** go-zero {@code cpuRefreshInterval}. */
  static final long INTERVAL_MILLIS = 250;

  /** EWMA weight of the previous value (go-zero {@code beta}): a ~5 s time constant. */
  static final double BETA = 0.95;

  /** EWMA weight of the new sample: go-zero's {@code 1 - beta}, folded by Go to the double 0.05. */
  static final double NEW_SAMPLE_WEIGHT = 0.05;

  /** Full CPU, in per mille. */
  static final int CPU_MAX = 1000;

  private final CpuSource source;
  private final Ticker ticker;
  private final double limitCores;
  private long lastUsage;
  private long lastTime;
  private volatile int usage;

  CpuSampler(CpuSource source, Ticker ticker) {
    this.source = source;
    this.ticker = ticker;
    this.limitCores = source.limitCores();
    this.lastUsage = source.usageNanos();
    this.lastTime = ticker.read();
  }

  /** The smoothed usage in per mille, 0..1000. */
  int current() {
    return usage;
  }

  /** The source being sampled. */
  CpuSource source() {
    return source;
  }

  /** Takes one sample, folds it into the EWMA and returns the raw sample (per mille). */
  int sample() {
    long now = ticker.read();
    long used = source.usageNanos();
    int sample = 0;
    long cpuDelta = used - lastUsage;
    long wallDelta = now - lastTime;
    if (used >= 0 && lastUsage >= 0 && cpuDelta > 0 && wallDelta > 0) {
      double perMille = cpuDelta * (double) CPU_MAX / (wallDelta * limitCores);
      sample = (int) Math.min(CPU_MAX, perMille);
    }
    lastUsage = used;
    lastTime = now;
    usage = (int) (usage * BETA + sample * NEW_SAMPLE_WEIGHT);
    return sample;
  }

  /** The sampling period in nanoseconds. */
  static long intervalNanos() {
    return TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS);
  }
}
