package io.github.zero4j.core.breaker;

import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports "breaker is open" with the breaker's latest failure reasons, at most once per {@link
 * #INTERVAL} for the whole process (go-zero's {@code stat.Report} behind a 5-minute {@code
 * LessExecutor}); the reports skipped in between are counted and the next one says {@code "dropped:
 * N"}. A skipped report costs a clock read, a compare and a striped increment, so a breaker that
 * drops a million calls a second does not log a million lines or contend on a lock.
 */
final class RejectionReporter {

  /** go-zero's {@code stat.Report} rate limit: one report per 5 minutes, process-wide. */
  static final Duration INTERVAL = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(Breaker.class);

  /** The process-wide reporter every breaker uses unless a test injects its own. */
  static final RejectionReporter DEFAULT =
      new RejectionReporter(Ticker.coarse(), INTERVAL, LOG::warn);

  /** "Never reported"; the first report always goes out. */
  private static final long NEVER = Long.MIN_VALUE;

  private static final String PROCESS = processName() + "/" + ProcessHandle.current().pid();

  private final Ticker ticker;
  private final long intervalNanos;
  private final Consumer<String> sink;
  private final AtomicLong lastReport = new AtomicLong(NEVER);
  private final LongAdder dropped = new LongAdder();

  RejectionReporter(Ticker ticker, Duration interval, Consumer<String> sink) {
    this.ticker = ticker;
    this.intervalNanos = interval.toNanos();
    this.sink = sink;
  }

  /** Reports that {@code breakerName} dropped a call, unless a report went out too recently. */
  void report(String breakerName, ErrorWindow errors) {
    long now = ticker.read();
    long last = lastReport.get();
    if ((last != NEVER && now - last <= intervalNanos) || !lastReport.compareAndSet(last, now)) {
      dropped.increment();
      return;
    }
    sink.accept(message(breakerName, errors.newestFirst(), dropped.sumThenReset()));
  }

  static String message(String breakerName, List<String> lastErrors, long dropped) {
    StringBuilder sb = new StringBuilder(256);
    if (dropped > 0) {
      sb.append("dropped: ").append(dropped).append('\n');
    }
    sb.append("proc(")
        .append(PROCESS)
        .append("), callee: ")
        .append(breakerName)
        .append(", breaker is open and requests dropped\nlast errors:\n")
        .append(String.join("\n", lastErrors));
    return sb.toString();
  }

  /** The main class or jar, as go-zero prints the base name of {@code os.Args[0]}. */
  private static String processName() {
    String command = System.getProperty("sun.java.command", "").trim();
    if (command.isEmpty()) {
      return "java";
    }
    String first = command.split("\\s+", 2)[0];
    int slash = Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\'));
    return first.substring(slash + 1);
  }
}
