package io.github.zero4j.core.stat;

import io.github.zero4j.core.timex.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Algorithm
 * ---------
 * go-zero keeps every request of the minute in a slice and finds the median, 90th, 99th and
 * 99.9th with successive top-K selections when the minute ends. That costs a lock per request and
 * memory proportional to the traffic. Here every latency goes into an HdrHistogram [1] with 3
 * significant digits (values within 0.1% of the truth), in microseconds: the line prints 0.1 ms, so
 * finer resolution would only grow the histogram. Percentiles come from the histogram at report
 * time; the mean is the histogram's mean (also within 0.1%). qps is the request count divided by the
 * interval actually elapsed on the injected ticker (go-zero divides by the nominal minute).
 *
 * Concurrency
 * -----------
 * Writers call Recorder.recordValue, which is wait-free: it increments a slot of a concurrent
 * histogram inside a WriterReaderPhaser critical section [2] (one atomic increment to enter, one to
 * leave). The histogram auto-resizes: the rare value beyond the largest range seen so far grows it
 * under a ReentrantLock (never a monitor, so no virtual-thread pinning); after warm-up that stops.
 * Drops go to a LongAdder. The reporter (the shared scheduler thread, or a caller of report())
 * holds reportLock, swaps the active histogram for the one it reported last time
 * (Recorder.getIntervalHistogram(recycle), so steady state allocates nothing) and sumThenReset()s
 * the drops. reportLock and the Recorder's own monitor are only taken by reporters, never by
 * add()/addDrop(). A request racing with the swap lands in one interval or the next, never in both
 * and never lost (a drop racing with sumThenReset likewise moves to the next interval).
 *
 * [1] Gil Tene, HdrHistogram, https://github.com/HdrHistogram/HdrHistogram (org.HdrHistogram.Recorder)
 * [2] org.HdrHistogram.WriterReaderPhaser: wait-free writers, blocking (flipping) reader.
 */
final class HdrStatMetrics implements StatMetrics {
  private static final Logger logger = LoggerFactory.getLogger(StatMetrics.class);

  /** Histogram precision: 3 significant digits, i.e. values within 0.1%. */
  static final int SIGNIFICANT_DIGITS = 3;

  private static final long NANOS_PER_MICRO = 1_000;
  private static final double MICROS_PER_MILLI = 1_000.0;
  private static final double NANOS_PER_SECOND = 1e9;

  private static final double MEDIAN = 50.0;
  private static final double P90 = 90.0;
  private static final double P99 = 99.0;
  private static final double P99_9 = 99.9;

  private static final long PID = ProcessHandle.current().pid();

  private final String name;
  private final Duration interval;
  private final Ticker ticker;
  private final Clock clock;
  private final Consumer<StatReport> listener;

  private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
  private final LongAdder drops = new LongAdder();

  private final ReentrantLock reportLock = new ReentrantLock();
  // Guarded by reportLock.
  private @Nullable Histogram recycled;
  private long intervalStart;

  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile @Nullable ScheduledFuture<?> schedule;

  HdrStatMetrics(
      String name, Duration interval, Ticker ticker, Clock clock, Consumer<StatReport> listener) {
    this.name = name;
    this.interval = interval;
    this.ticker = ticker;
    this.clock = clock;
    this.listener = listener;
    this.intervalStart = ticker.read();
  }

  void start() {
    schedule = StatScheduler.scheduleAtFixedRate(this::scheduledReport, interval);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void add(long durationNanos) {
    recorder.recordValue(Math.max(0, durationNanos) / NANOS_PER_MICRO);
  }

  @Override
  public void addDrop() {
    drops.increment();
  }

  @Override
  public StatReport report() {
    StatReport report = takeReport();
    publish(report);
    return report;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ScheduledFuture<?> current = schedule;
    if (current != null) {
      current.cancel(false);
    }
    StatReport last = takeReport();
    if (last.requests() > 0 || last.drops() > 0) {
      publish(last);
    }
  }

  /** Whether the periodic report is still scheduled (false after {@link #close()}). */
  boolean scheduled() {
    ScheduledFuture<?> current = schedule;
    return current != null && !current.isDone();
  }

  private void scheduledReport() {
    // An exception would cancel the periodic task, so none may escape.
    try {
      report();
    } catch (RuntimeException e) {
      logger.warn("({}) stat report failed", name, e);
    }
  }

  private StatReport takeReport() {
    reportLock.lock();
    try {
      long now = ticker.read();
      long elapsedNanos = now - intervalStart;
      intervalStart = now;
      Histogram histogram = recorder.getIntervalHistogram(recycled);
      recycled = histogram;
      long dropped = drops.sumThenReset();
      return toReport(histogram, dropped, elapsedNanos > 0 ? elapsedNanos : interval.toNanos());
    } finally {
      reportLock.unlock();
    }
  }

  private StatReport toReport(Histogram histogram, long dropped, long elapsedNanos) {
    long requests = histogram.getTotalCount();
    return new StatReport(
        name,
        clock.instant().getEpochSecond(),
        PID,
        requests,
        requests * NANOS_PER_SECOND / elapsedNanos,
        dropped,
        histogram.getMean() / MICROS_PER_MILLI,
        millisAt(histogram, MEDIAN),
        millisAt(histogram, P90),
        millisAt(histogram, P99),
        millisAt(histogram, P99_9));
  }

  private static double millisAt(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / MICROS_PER_MILLI;
  }

  private void publish(StatReport report) {
    if (logger.isInfoEnabled()) {
      logger.info(report.line());
    }
    try {
      listener.accept(report);
    } catch (RuntimeException e) {
      logger.warn("({}) stat listener failed", name, e);
    }
  }

  @Override
  public String toString() {
    return "StatMetrics(" + name + ", every " + interval + ")";
  }
}
