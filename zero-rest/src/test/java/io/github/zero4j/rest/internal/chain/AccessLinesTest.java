package io.github.zero4j.rest.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import io.github.zero4j.rest.Request;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

class AccessLinesTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level previous = Level.INFO;

  @BeforeEach
  void attach() {
    previous = logger.getLevel();
    logger.setLevel(Level.INFO);
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }

  private static Request request(int i) {
    return Request.builder().method("GET").uri("/items/" + i).build();
  }

  @Test
  void close_logsEveryQueuedLine_inOrder_offTheCallersThread() {
    int count = 3 * AccessLines.WAKE_AT + 7;
    AccessLines lines = AccessLines.start();
    for (int i = 0; i < count; i++) {
      lines.add(request(i), 200, 1_000_000, Context.root(), List.of());
    }
    lines.close();

    List<ILoggingEvent> events = appender.list;
    assertThat(events).hasSize(count);
    for (int i = 0; i < count; i++) {
      assertThat(events.get(i).getFormattedMessage())
          .startsWith("[HTTP] 200 - GET /items/" + i + " - ")
          .endsWith("duration=1.0ms");
    }
    assertThat(events)
        .extracting(ILoggingEvent::getThreadName)
        .allMatch(name -> name.startsWith("zero4j-rest-access-log-"));
  }

  @Test
  void manyProducers_loseNoLine_andNotesAndServerErrorsKeepTheirFormat() throws Exception {
    int producers = 4;
    int each = 2_000;
    AccessLines lines = AccessLines.start();
    ExecutorService pool = Executors.newFixedThreadPool(producers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      for (int p = 0; p < producers; p++) {
        int base = p * each;
        pool.execute(
            () -> {
              try {
                start.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              for (int i = base; i < base + each; i++) {
                lines.add(request(i), 200, 0, Context.root(), List.of());
              }
            });
      }
      start.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      lines.add(request(-1), 503, 0, Context.root(), List.of("maxconns rejected with code 503"));
      lines.add(request(-2), 500, 0, Context.root(), List.of());
    } finally {
      lines.close();
    }

    List<ILoggingEvent> events = appender.list;
    assertThat(events).hasSize(producers * each + 2);
    assertThat(events.subList(0, producers * each))
        .extracting(ILoggingEvent::getFormattedMessage)
        .doesNotHaveDuplicates()
        .allMatch(line -> line.startsWith("[HTTP] 200 - GET /items/"));
    ILoggingEvent rejected = events.get(producers * each);
    assertThat(rejected.getLevel()).isEqualTo(Level.ERROR);
    assertThat(rejected.getFormattedMessage())
        .contains("[HTTP] 503 - GET /items/-1")
        .contains(" - maxconns rejected with code 503");
    ILoggingEvent failed = events.get(producers * each + 1);
    assertThat(failed.getLevel()).isEqualTo(Level.ERROR);
    assertThat(failed.getFormattedMessage()).contains("[HTTP] 500 - GET /items/-2");
  }

  @Test
  void afterClose_aLineIsLoggedOnTheCaller_notDropped() {
    AccessLines lines = AccessLines.start();
    lines.close();
    // Closed: the writer is gone, so the line is logged right here.
    lines.add(request(9), 200, 0, Context.root(), List.of());
    assertThat(appender.list)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getFormattedMessage()).startsWith("[HTTP] 200 - GET /items/9");
              assertThat(e.getThreadName()).isEqualTo(Thread.currentThread().getName());
            });
  }

  @Test
  void afterClose_aLineThatFailsToLog_failsNotTheCaller_andIsReported() {
    Logger own = (Logger) LoggerFactory.getLogger(AccessLines.class);
    ListAppender<ILoggingEvent> reports = new ListAppender<>();
    reports.start();
    own.addAppender(reports);
    // A turbo filter runs on the logging thread, unguarded by Logback: it throws for access lines.
    TurboFilter failing =
        new TurboFilter() {
          @Override
          public FilterReply decide(
              Marker marker,
              Logger target,
              Level level,
              String format,
              Object[] params,
              Throwable t) {
            if (target.getName().equals(AccessLog.LOGGER)) {
              throw new IllegalStateException("filter failed");
            }
            return FilterReply.NEUTRAL;
          }
        };
    failing.start();
    LoggerContext context = logger.getLoggerContext();
    context.addTurboFilter(failing);
    try {
      AccessLines lines = AccessLines.start();
      lines.close();

      lines.add(request(7), 200, 0, Context.root(), List.of());

      assertThat(reports.list)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getFormattedMessage()).isEqualTo("access line of GET /items/7 failed");
                assertThat(e.getThrowableProxy().getMessage()).isEqualTo("filter failed");
              });
    } finally {
      context.getTurboFilterList().remove(failing);
      own.detachAppender(reports);
    }
  }

  @Test
  void flush_logsWhatWasQueued_andTheWriterGoesOn() {
    try (AccessLines lines = AccessLines.start()) {
      lines.add(request(1), 200, 0, Context.root(), List.of());
      lines.flush();
      assertThat(appender.list).hasSize(1);
      lines.add(request(2), 404, 0, Context.root(), List.of());
      lines.flush();
      assertThat(appender.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .satisfiesExactly(
              first -> assertThat(first).startsWith("[HTTP] 200 - GET /items/1"),
              second -> assertThat(second).startsWith("[HTTP] 404 - GET /items/2"));
    }
  }
}
