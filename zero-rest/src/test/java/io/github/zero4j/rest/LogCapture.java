package io.github.zero4j.rest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/** Captures one logger's events for a test (logback). */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final Logger logger;
  private final Level previous;
  private final LinkedBlockingQueue<ILoggingEvent> pending = new LinkedBlockingQueue<>();
  final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

  private LogCapture(String name, Level level) {
    logger = (Logger) LoggerFactory.getLogger(name);
    previous = logger.getLevel();
    logger.setLevel(level);
    setContext(logger.getLoggerContext());
    start();
    logger.addAppender(this);
  }

  static LogCapture of(String name, Level level) {
    return new LogCapture(name, level);
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    events.add(event);
    pending.add(event);
  }

  /** The next event matching {@code filter}, waiting for it (20 s safety net, not a timing). */
  ILoggingEvent await(Predicate<ILoggingEvent> filter) throws InterruptedException {
    while (true) {
      ILoggingEvent event = pending.poll(20, TimeUnit.SECONDS);
      if (event == null) {
        throw new AssertionError("no matching log event; saw " + messages());
      }
      if (filter.test(event)) {
        return event;
      }
    }
  }

  List<String> messages() {
    return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    logger.setLevel(previous);
    stop();
  }
}
