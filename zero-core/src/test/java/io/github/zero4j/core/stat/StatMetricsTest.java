package io.github.zero4j.core.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.zero4j.core.timex.FakeTicker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StatMetricsTest {
  private static final Pattern LINE =
      Pattern.compile(
          "\\((\\w+)\\) - qps: (\\d+\\.\\d)/s, drops: (\\d+), avg time: (\\d+\\.\\d)ms,"
              + " med: (\\d+\\.\\d)ms, 90th: (\\d+\\.\\d)ms, 99th: (\\d+\\.\\d)ms,"
              + " 99\\.9th: (\\d+\\.\\d)ms");

  /** HdrHistogram with 3 significant digits keeps values within 0.1%. */
  private static final double HDR_PRECISION_PERCENT = 0.1;

  private final FakeTicker ticker = new FakeTicker();
  private final Logger statLogger = (Logger) LoggerFactory.getLogger(StatMetrics.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<StatMetrics> built = new ArrayList<>();

  @BeforeEach
  void captureLog() {
    appender.start();
    statLogger.addAppender(appender);
  }

  @AfterEach
  void release() {
    statLogger.detachAppender(appender);
    built.forEach(StatMetrics::close);
  }

  private StatMetrics metrics(String name) {
    return track(StatMetrics.builder(name).ticker(ticker).build());
  }

  private StatMetrics track(StatMetrics metrics) {
    built.add(metrics);
    return metrics;
  }

  @Test
  void report_logsGoZeroLineWithQpsDropsAndPercentiles() {
    StatMetrics metrics = metrics("api");
    for (int ms = 1; ms <= 1000; ms++) {
      metrics.add(Duration.ofMillis(ms));
    }
    metrics.addDrop();
    metrics.addDrop();
    metrics.addDrop();
    ticker.advance(Duration.ofMinutes(1));

    StatReport report = metrics.report();

    assertThat(appender.list).hasSize(1);
    ILoggingEvent event = appender.list.get(0);
    assertThat(event.getLevel()).isEqualTo(Level.INFO);
    Matcher line = LINE.matcher(event.getFormattedMessage());
    assertThat(line.matches()).as(event.getFormattedMessage()).isTrue();
    assertThat(line.group(1)).isEqualTo("api");
    assertThat(line.group(2)).isEqualTo("16.7"); // 1000 requests / 60 s
    assertThat(line.group(3)).isEqualTo("3");
    assertThat(Double.parseDouble(line.group(4))).isCloseTo(500.5, withinPercentage(0.1));
    assertThat(Double.parseDouble(line.group(5))).isCloseTo(500, withinPercentage(0.1));
    assertThat(Double.parseDouble(line.group(6))).isCloseTo(900, withinPercentage(0.1));
    assertThat(Double.parseDouble(line.group(7))).isCloseTo(990, withinPercentage(0.1));
    assertThat(Double.parseDouble(line.group(8))).isCloseTo(999, withinPercentage(0.1));

    assertThat(report.requests()).isEqualTo(1000);
    assertThat(report.drops()).isEqualTo(3);
    assertThat(report.qps()).isCloseTo(1000 / 60.0, within(1e-9));
    assertThat(report.med()).isCloseTo(500, withinPercentage(HDR_PRECISION_PERCENT));
    assertThat(report.t90()).isCloseTo(900, withinPercentage(HDR_PRECISION_PERCENT));
    assertThat(report.t99()).isCloseTo(990, withinPercentage(HDR_PRECISION_PERCENT));
    assertThat(report.t99p9()).isCloseTo(999, withinPercentage(HDR_PRECISION_PERCENT));
    assertThat(event.getFormattedMessage()).isEqualTo(report.line());
  }

  @Test
  void report_startsAFreshInterval() {
    StatMetrics metrics = metrics("rpc");
    metrics.add(Duration.ofMillis(3));
    metrics.addDrop();
    ticker.advance(Duration.ofMinutes(1));
    metrics.report();
    ticker.advance(Duration.ofMinutes(1));

    StatReport second = metrics.report();

    assertThat(second.requests()).isZero();
    assertThat(second.drops()).isZero();
    assertThat(appender.list.get(1).getFormattedMessage())
        .isEqualTo(
            "(rpc) - qps: 0.0/s, drops: 0, avg time: 0.0ms, med: 0.0ms, 90th: 0.0ms, 99th: 0.0ms,"
                + " 99.9th: 0.0ms");
  }

  @Test
  void report_singleRequestIsEveryPercentile() {
    StatMetrics metrics = metrics("api");
    metrics.add(Duration.ofMillis(7));
    ticker.advance(Duration.ofMinutes(1));

    assertThat(metrics.report().line())
        .isEqualTo(
            "(api) - qps: 0.0/s, drops: 0, avg time: 7.0ms, med: 7.0ms, 90th: 7.0ms, 99th: 7.0ms,"
                + " 99.9th: 7.0ms");
  }

  @Test
  void report_dividesByTheElapsedTickerTime() {
    StatMetrics metrics = metrics("api");
    for (int i = 0; i < 30; i++) {
      metrics.add(Duration.ofMillis(1));
    }
    ticker.advance(Duration.ofSeconds(10));

    assertThat(metrics.report().qps()).isEqualTo(3.0);
  }

  @Test
  void report_withoutElapsedTime_dividesByTheInterval() {
    StatMetrics metrics =
        track(StatMetrics.builder("api").ticker(ticker).interval(Duration.ofSeconds(20)).build());
    for (int i = 0; i < 40; i++) {
      metrics.add(1_000_000);
    }

    assertThat(metrics.report().qps()).isEqualTo(2.0);
  }

  @Test
  void add_subMillisecondAndNegativeDurations() {
    StatMetrics metrics = metrics("api");
    metrics.add(250_000); // 0.25 ms
    metrics.add(-5);
    ticker.advance(Duration.ofSeconds(1));

    StatReport report = metrics.report();

    assertThat(report.requests()).isEqualTo(2);
    assertThat(report.med()).isZero();
    assertThat(report.t99p9()).isCloseTo(0.25, withinPercentage(HDR_PRECISION_PERCENT));
  }

  @Test
  void report_stampsWallClockAndPidAndNotifiesListener() {
    List<StatReport> seen = new CopyOnWriteArrayList<>();
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    StatMetrics metrics =
        track(StatMetrics.builder("kq").ticker(ticker).clock(clock).listener(seen::add).build());
    metrics.add(Duration.ofMillis(2));
    ticker.advance(Duration.ofSeconds(1));

    StatReport report = metrics.report();

    assertThat(seen).containsExactly(report);
    assertThat(report.name()).isEqualTo("kq");
    assertThat(report.timestamp()).isEqualTo(1_700_000_000L);
    assertThat(report.pid()).isEqualTo(ProcessHandle.current().pid());
  }

  @Test
  void report_listenerFailureIsLoggedNotThrown() {
    StatMetrics metrics =
        track(
            StatMetrics.builder("api")
                .ticker(ticker)
                .listener(
                    report -> {
                      throw new IllegalStateException("boom");
                    })
                .build());
    metrics.add(Duration.ofMillis(1));

    StatReport report = metrics.report();

    assertThat(report.requests()).isEqualTo(1);
    assertThat(appender.list)
        .extracting(ILoggingEvent::getLevel)
        .containsExactly(Level.INFO, Level.WARN);
  }

  @Test
  void concurrentAddsWhileReporting_noRequestLostOrCountedTwice() throws Exception {
    StatMetrics metrics = metrics("api");
    int threads = 8;
    int perThread = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread writer =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    metrics.add((i + offset) * 1_000L);
                    if (i % 100 == 0) {
                      metrics.addDrop();
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              });
      writer.start();
    }
    AtomicLong requests = new AtomicLong();
    AtomicLong drops = new AtomicLong();
    start.countDown();
    while (done.getCount() > 0) {
      ticker.advanceMillis(1);
      StatReport report = metrics.report();
      requests.addAndGet(report.requests());
      drops.addAndGet(report.drops());
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    ticker.advanceMillis(1);
    StatReport last = metrics.report();
    requests.addAndGet(last.requests());
    drops.addAndGet(last.drops());

    assertThat(requests.get()).isEqualTo((long) threads * perThread);
    assertThat(drops.get()).isEqualTo((long) threads * (perThread / 100));
  }

  @Test
  void scheduler_reportsOnTheSharedDaemonThread() throws Exception {
    CountDownLatch reported = new CountDownLatch(2);
    List<Thread> threads = new CopyOnWriteArrayList<>();
    StatMetrics metrics =
        track(
            StatMetrics.builder("tick")
                .interval(Duration.ofMillis(5))
                .listener(
                    report -> {
                      threads.add(Thread.currentThread());
                      reported.countDown();
                    })
                .build());

    assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
    metrics.close();

    assertThat(threads).allSatisfy(t -> assertThat(t.getName()).isEqualTo("zero4j-core-stat"));
    assertThat(threads).allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
    assertThat(((HdrStatMetrics) metrics).scheduled()).isFalse();
  }

  @Test
  void close_reportsThePartialIntervalOnceAndDeregisters() {
    List<StatReport> seen = new CopyOnWriteArrayList<>();
    StatMetrics metrics = StatMetrics.builder("api").ticker(ticker).listener(seen::add).build();
    assertThat(((HdrStatMetrics) metrics).scheduled()).isTrue();
    metrics.add(Duration.ofMillis(4));
    metrics.addDrop();
    ticker.advance(Duration.ofSeconds(30));

    metrics.close();
    metrics.close();

    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).requests()).isEqualTo(1);
    assertThat(seen.get(0).drops()).isEqualTo(1);
    assertThat(((HdrStatMetrics) metrics).scheduled()).isFalse();
  }

  @Test
  void close_withNothingRecorded_logsNothing() {
    AtomicBoolean notified = new AtomicBoolean();
    StatMetrics metrics =
        StatMetrics.builder("idle").ticker(ticker).listener(r -> notified.set(true)).build();

    metrics.close();

    assertThat(notified).isFalse();
    assertThat(appender.list).isEmpty();
  }

  @Test
  void noop_recordsAndLogsNothing() {
    StatMetrics metrics = StatMetrics.noop();
    metrics.add(Duration.ofMillis(5));
    metrics.addDrop();

    assertThat(metrics.report().requests()).isZero();
    assertThat(metrics.report().drops()).isZero();
    assertThat(appender.list).isEmpty();
  }

  @Test
  void builder_rejectsNonPositiveInterval() {
    assertThatThrownBy(() -> StatMetrics.builder("api").interval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval: PT0S (expected: > 0)");
    assertThatThrownBy(() -> StatMetrics.builder("api").interval(Duration.ofSeconds(-1)))
        .hasMessage("interval: PT-1S (expected: > 0)");
  }

  @Test
  void toJson_usesGoZeroFieldNames() {
    StatReport report =
        new StatReport("a\"b", 1700000000L, 42, 600, 10.0, 2, 1.5, 1.0, 2.5, 4.0, 9.5);

    assertThat(report.toJson())
        .isEqualTo(
            "{\"name\":\"a\\\"b\",\"tm\":1700000000,\"pid\":42,\"qps\":10.0,\"drops\":2,"
                + "\"avg\":1.5,\"med\":1.0,\"t90\":2.5,\"t99\":4.0,\"t99p9\":9.5}");
  }
}
