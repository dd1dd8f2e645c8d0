package io.github.zero4j.core.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.zero4j.core.timex.FakeTicker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AlertsTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-08-15T10:04:05Z"), ZoneOffset.UTC);

  private final FakeTicker ticker = new FakeTicker();
  private final List<String> sent = new CopyOnWriteArrayList<>();

  private Alerts alerts(String cluster) {
    return Alerts.builder()
        .ticker(ticker)
        .clock(CLOCK)
        .clusterName(cluster)
        .hostname("host-1")
        .sink(sent::add)
        .build();
  }

  @Test
  void report_sendsFirstThenSuppressesWithinFiveMinutes() {
    Alerts alerts = alerts("");

    assertThat(alerts.report("first")).isTrue();
    for (int i = 0; i < 9; i++) {
      ticker.advance(Duration.ofSeconds(30));
      assertThat(alerts.report("again " + i)).isFalse();
    }

    assertThat(sent).containsExactly("2026-08-15 10:04:05\nhost: host-1\nfirst");
    assertThat(((RateLimitedAlerts) alerts).dropped()).isEqualTo(9);
  }

  @Test
  void report_afterTheInterval_carriesTheDroppedCount() {
    Alerts alerts = alerts("prod-sh");
    alerts.report("dropreq, cpu: 950");
    ticker.advance(Duration.ofMinutes(1));
    alerts.report("suppressed 1");
    alerts.report("suppressed 2");
    alerts.report("suppressed 3");
    ticker.advance(Duration.ofMinutes(4)).advanceNanos(1);

    assertThat(alerts.report("  dropreq, cpu: 990\n")).isTrue();

    assertThat(sent)
        .containsExactly(
            "2026-08-15 10:04:05\ncluster: prod-sh\nhost: host-1\ndropreq, cpu: 950",
            "2026-08-15 10:04:05\ncluster: prod-sh\nhost: host-1\ndropped: 3\ndropreq, cpu: 990");
    assertThat(((RateLimitedAlerts) alerts).dropped()).isZero();
  }

  @Test
  void report_exactlyFiveMinutesLater_isStillSuppressed() {
    // go-zero's LessExecutor runs only when lastTime + threshold < now, strictly.
    Alerts alerts = alerts("");
    alerts.report("a");
    ticker.advance(Alerts.DEFAULT_INTERVAL);

    assertThat(alerts.report("b")).isFalse();
    ticker.advanceNanos(1);
    assertThat(alerts.report("c")).isTrue();
    assertThat(sent.get(1)).endsWith("dropped: 1\nc");
  }

  @Test
  void report_concurrentReporters_sendExactlyOne() throws Exception {
    Alerts alerts = alerts("");
    int threads = 16;
    CyclicBarrier barrier = new CyclicBarrier(threads);
    CountDownLatch done = new CountDownLatch(threads);
    AtomicInteger sentCount = new AtomicInteger();
    for (int t = 0; t < threads; t++) {
      new Thread(
              () -> {
                try {
                  barrier.await();
                  if (alerts.report("overloaded")) {
                    sentCount.incrementAndGet();
                  }
                } catch (Exception e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              })
          .start();
    }

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sentCount).hasValue(1);
    assertThat(sent).hasSize(1);
    // Every loser is counted exactly once: either in the sent alert's "dropped: N" (when it lost
    // before the winner swapped the counter) or in the counter carried to the next alert.
    Matcher carried = Pattern.compile("dropped: (\\d+)").matcher(sent.get(0));
    long inAlert = carried.find() ? Long.parseLong(carried.group(1)) : 0;
    assertThat(inAlert + ((RateLimitedAlerts) alerts).dropped()).isEqualTo(threads - 1);
  }

  @Test
  void defaultSink_logsAtError() {
    Logger logger = (Logger) LoggerFactory.getLogger(Alerts.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      Alerts alerts =
          Alerts.builder().ticker(ticker).clock(CLOCK).clusterName("").hostname("h").build();

      alerts.report("dropreq");

      assertThat(appender.list).hasSize(1);
      assertThat(appender.list.get(0).getLevel()).isEqualTo(Level.ERROR);
      assertThat(appender.list.get(0).getFormattedMessage())
          .isEqualTo("2026-08-15 10:04:05\nhost: h\ndropreq");
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void failingSink_doesNotThrow() {
    Alerts alerts =
        Alerts.builder()
            .ticker(ticker)
            .hostname("h")
            .sink(
                message -> {
                  throw new IllegalStateException("webhook down");
                })
            .build();

    assertThat(alerts.report("x")).isTrue();
  }

  @Test
  void hostname_defaultsToThisMachine() {
    Alerts alerts = Alerts.builder().ticker(ticker).clusterName("").sink(sent::add).build();

    alerts.report("x");

    assertThat(sent.get(0).split("\n")[1]).matches("host: \\S+");
  }

  @Test
  void globalAndNoop() {
    assertThat(Alerts.global()).isSameAs(Alerts.global());
    assertThat(Alerts.noop().report("x")).isFalse();
  }

  @Test
  void builder_rejectsNegativeInterval() {
    assertThatThrownBy(() -> Alerts.builder().interval(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval: PT-0.001S (expected: >= 0)");
  }
}
