package io.github.zero4j.core.breaker;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The latest {@value #SIZE} failure reasons (go-zero's {@code errorWindow}), logged when the
 * breaker drops calls. Adding is lock-free and cheap: it stores the wall-clock millis and the
 * reason object (a {@code String} or the {@code Throwable}); text is only built when a report is
 * logged. Two concurrent adds that land five apart may keep the older one; the window is for
 * humans.
 */
final class ErrorWindow {
  /** go-zero's {@code numHistoryReasons}. */
  static final int SIZE = 5;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private record Entry(long epochMillis, Object reason) {}

  private final AtomicReferenceArray<@Nullable Entry> entries = new AtomicReferenceArray<>(SIZE);
  private final AtomicLong added = new AtomicLong();
  private final Clock clock;

  ErrorWindow(Clock clock) {
    this.clock = clock;
  }

  /** Records a failure reason: a message, or the {@code Throwable} (shown by its toString). */
  void add(Object reason) {
    Entry entry = new Entry(clock.millis(), reason);
    entries.set((int) (added.getAndIncrement() % SIZE), entry);
  }

  /** The kept reasons as {@code "HH:mm:ss <reason>"} lines, newest first. */
  List<String> newestFirst() {
    long end = added.get();
    ZoneId zone = clock.getZone();
    List<String> lines = new ArrayList<>(SIZE);
    for (long i = end - 1; i >= 0 && i >= end - SIZE; i--) {
      Entry e = entries.get((int) (i % SIZE));
      if (e != null) {
        lines.add(
            TIME.format(Instant.ofEpochMilli(e.epochMillis()).atZone(zone)) + " " + e.reason());
      }
    }
    return lines;
  }
}
