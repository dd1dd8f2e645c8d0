package io.github.zero4j.core.breaker;

import io.github.zero4j.core.stat.Alerts;
import java.util.List;

/**
 * Reports "breaker is open" with the breaker's latest failure reasons through go-zero's {@code
 * stat.Report}: {@link Alerts#global()}, which sends at most one alert per 5 minutes for the whole
 * process and counts the skipped ones into the next alert's {@code "dropped: N"}. The message is
 * only built when the alert is sent, so a breaker that drops a million calls a second pays a clock
 * read and a compare per drop, not a string.
 */
final class RejectionReporter {

  /** The process-wide reporter every breaker uses unless a test injects its own. */
  static final RejectionReporter DEFAULT = new RejectionReporter(Alerts.global());

  private static final String PROCESS = processName() + "/" + ProcessHandle.current().pid();

  private final Alerts alerts;

  RejectionReporter(Alerts alerts) {
    this.alerts = alerts;
  }

  /** Reports that {@code breakerName} dropped a call, unless an alert went out too recently. */
  void report(String breakerName, ErrorWindow errors) {
    alerts.report(() -> message(breakerName, errors.newestFirst()));
  }

  static String message(String breakerName, List<String> lastErrors) {
    return "proc("
        + PROCESS
        + "), callee: "
        + breakerName
        + ", breaker is open and requests dropped\nlast errors:\n"
        + String.join("\n", lastErrors);
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
