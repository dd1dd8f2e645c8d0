package io.github.zero4j.core.stat;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * go-zero's stat.Report runs the report through a LessExecutor: "execute if nothing executed within
 * the threshold, else discard", and counts the discarded ones in an int32 that the next executed
 * report swaps to zero and prints as "dropped: N".
 *
 * Concurrency: lastSent holds the ticker time of the last alert. A report reads it, and if more
 * than the interval has elapsed (strictly, as go-zero's "lastTime + threshold < now") tries to CAS
 * it to now; only the CAS winner sends, so concurrent reporters send exactly one alert per interval
 * (go-zero's load-then-set lets two racing goroutines both send). Losers and early reporters
 * increment the dropped counter; the sender swaps it to zero, so a drop racing with the swap is
 * carried by the next alert instead of being lost.
 */
final class RateLimitedAlerts implements Alerts {
  private static final Logger logger = LoggerFactory.getLogger(Alerts.class);

  /** go-zero's {@code timeFormat} "2006-01-02 15:04:05". */
  private static final String TIME_PATTERN = "yyyy-MM-dd HH:mm:ss";

  /** Host line when the local host name cannot be resolved. */
  private static final String UNKNOWN_HOST = "localhost";

  static final Alerts GLOBAL = Alerts.builder().build();

  private final long intervalNanos;
  private final Ticker ticker;
  private final Clock clock;
  private final DateTimeFormatter timeFormat;
  private final String clusterName;
  private volatile @Nullable String hostname;
  private final Consumer<String> sink;

  private final AtomicLong lastSent;
  private final AtomicLong dropped = new AtomicLong();

  RateLimitedAlerts(
      Duration interval,
      Ticker ticker,
      Clock clock,
      String clusterName,
      @Nullable String hostname,
      @Nullable Consumer<String> sink) {
    this.intervalNanos = interval.toNanos();
    this.ticker = ticker;
    this.clock = clock;
    this.timeFormat =
        DateTimeFormatter.ofPattern(TIME_PATTERN, Locale.ROOT).withZone(clock.getZone());
    this.clusterName = clusterName;
    this.hostname = hostname;
    this.sink = sink != null ? sink : logger::error;
    // "Never sent": far enough in the past that the first report always goes out.
    this.lastSent = new AtomicLong(ticker.read() - intervalNanos - 1);
  }

  @Override
  public boolean report(String message) {
    requireNonNull(message, "message");
    return report(() -> message);
  }

  @Override
  public boolean report(Supplier<String> message) {
    requireNonNull(message, "message");
    long now = ticker.read();
    long last = lastSent.get();
    if (now - last <= intervalNanos || !lastSent.compareAndSet(last, now)) {
      dropped.incrementAndGet();
      return false;
    }
    String alert = format(message.get(), dropped.getAndSet(0));
    try {
      sink.accept(alert);
    } catch (RuntimeException e) {
      logger.warn("alert sink failed, alert was: {}", alert, e);
    }
    return true;
  }

  /** Alerts suppressed since the last one that went out. */
  long dropped() {
    return dropped.get();
  }

  private String format(String message, long droppedCount) {
    StringBuilder alert = new StringBuilder();
    alert.append(timeFormat.format(clock.instant())).append('\n');
    if (!clusterName.isEmpty()) {
      alert.append("cluster: ").append(clusterName).append('\n');
    }
    alert.append("host: ").append(hostname()).append('\n');
    if (droppedCount > 0) {
      alert.append("dropped: ").append(droppedCount).append('\n');
    }
    return alert.append(message.strip()).toString();
  }

  private String hostname() {
    String name = hostname;
    if (name == null) {
      name = lookUpHostname();
      hostname = name;
    }
    return name;
  }

  /** Like Go's {@code os.Hostname()}: the environment first, a resolver lookup only as fallback. */
  private static String lookUpHostname() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv == null || fromEnv.isEmpty()) {
      fromEnv = System.getenv("COMPUTERNAME");
    }
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return UNKNOWN_HOST;
    }
  }
}
