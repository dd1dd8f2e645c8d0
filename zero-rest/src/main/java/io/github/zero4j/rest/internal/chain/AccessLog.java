package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link io.github.zero4j.rest.BuiltIn#LOG}: go-zero's rest/handler/loghandler.go. One line per
 * request on logger {@value #LOGGER}, written when the response is known:
 *
 * <pre>[HTTP] 200 - GET /users/7 - 10.0.0.9:51234 - curl/8.5.0 - duration=1.2ms</pre>
 *
 * with the client address from {@code X-Forwarded-For} when present, then {@code - trace=<id> -
 * span=<id>} when the request has a valid span (the TRACE built-in's), then any messages the
 * built-ins added (e.g. a maxconns rejection). Status 500 and above logs at ERROR with a dump of
 * the request (header values of {@code Authorization} and {@code Cookie} masked, body cut at 1
 * KiB), below at INFO. A request slower than 500 ms (3 min for {@code text/event-stream}) also logs
 * a WARN {@code slowcall} line, go-zero's thresholds.
 *
 * <p>The duration is the chain's, from when its first stage started to when the response was known.
 * The event loop only queues the finished request; {@link AccessLines} formats and logs the lines
 * on its own thread, in batches.
 */
final class AccessLog implements Stage {
  static final String LOGGER = "io.github.zero4j.rest.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  /** go-zero's defaultSlowThreshold (rest/handler/loghandler.go). */
  private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** go-zero's defaultSSESlowThreshold. */
  private static final long SSE_SLOW_NANOS = TimeUnit.MINUTES.toNanos(3);

  /** go-zero's limitBodyBytes: the part of the body kept for dumps. */
  private static final int DUMP_BODY_BYTES = 1024;

  private static final int SERVER_ERROR = 500;

  private static final long NANOS_PER_TENTH_MILLI = 100_000;

  private final AccessLines lines;

  AccessLog(AccessLines lines) {
    this.lines = lines;
  }

  @Override
  public @Nullable Response enter(Call call) {
    return null;
  }

  @Override
  public boolean timed() {
    return true;
  }

  @Override
  public @Nullable Response leave(Call call, @Nullable Response response) {
    int status = response != null ? response.status() : SERVER_ERROR;
    long nanos = call.nanos();
    // The level checks stay here, so a server with the logger off queues nothing.
    if ((status >= SERVER_ERROR ? LOG.isErrorEnabled() : LOG.isInfoEnabled())
        || (nanos > SLOW_NANOS && LOG.isWarnEnabled())) {
      // The TRACE stage, just outside, has put the request's span in the call's context.
      lines.add(call.request, status, nanos, call.context, call.exchange.notes());
    }
    return response;
  }

  /**
   * Logs the access line, and the slow-call line if any, of one request (on AccessLines' thread).
   */
  static void log(Request request, int status, long nanos, Context context, List<String> notes) {
    String trace = traceFields(context);
    boolean serverError = status >= SERVER_ERROR;
    if (serverError ? LOG.isErrorEnabled() : LOG.isInfoEnabled()) {
      StringBuilder line =
          new StringBuilder(128)
              .append("[HTTP] ")
              .append(status)
              .append(" - ")
              .append(request.method())
              .append(' ')
              .append(request.uri())
              .append(" - ")
              .append(request.clientAddress())
              .append(" - ")
              .append(request.header("User-Agent").orElse(""))
              .append(" - duration=");
      appendDuration(line, nanos).append(trace);
      for (int i = 0; i < notes.size(); i++) {
        line.append(" - ").append(notes.get(i));
      }
      if (serverError) {
        LOG.error("{}\n{}", line, dump(request));
      } else {
        LOG.info(line.toString());
      }
    }
    // Under 500 ms nothing is slow, whatever the Accept header: checked first, it is the common
    // case.
    if (nanos > SLOW_NANOS
        && (nanos > SSE_SLOW_NANOS || !acceptsEventStream(request))
        && LOG.isWarnEnabled()) {
      LOG.warn(
          "[HTTP] {} - {} - {} - {} - {} - slowcall({}){}",
          request.method(),
          status,
          request.uri(),
          request.clientAddress(),
          request.header("User-Agent").orElse(""),
          duration(nanos),
          trace);
    }
  }

  private static boolean acceptsEventStream(Request request) {
    return request
        .header("Accept")
        .orElse("")
        .toLowerCase(Locale.ROOT)
        .contains("text/event-stream");
  }

  /** {@code " - trace=<id> - span=<id>"} when a span is current, go-zero's log fields; else "". */
  static String traceFields(Context context) {
    String traceId = Tracing.traceId(context);
    if (traceId.isEmpty()) {
      return "";
    }
    return " - "
        + Tracing.TRACE_FIELD
        + "="
        + traceId
        + " - "
        + Tracing.SPAN_FIELD
        + "="
        + Tracing.spanId(context);
  }

  /** go-zero's timex.ReprOfDuration: milliseconds with one decimal, e.g. {@code 1.2ms}. */
  static String duration(long nanos) {
    return appendDuration(new StringBuilder(12), nanos).toString();
  }

  /**
   * Appends {@link #duration(long)}: the same text as {@code String.format("%.1fms", nanos / 1e6)}
   * (half up), in integer arithmetic, without the formatter's parsing and allocation.
   */
  static StringBuilder appendDuration(StringBuilder out, long nanos) {
    if (nanos < 0) {
      // A ticker never goes back; kept exact for any other caller.
      return out.append(String.format(Locale.ROOT, "%.1fms", nanos / 1e6));
    }
    long tenths = nanos / NANOS_PER_TENTH_MILLI;
    if (nanos % NANOS_PER_TENTH_MILLI >= NANOS_PER_TENTH_MILLI / 2) {
      tenths++;
    }
    return out.append(tenths / 10).append('.').append(tenths % 10).append("ms");
  }

  static String dump(Request request) {
    StringBuilder out = new StringBuilder(256);
    out.append(request.method()).append(' ').append(request.uri()).append('\n');
    for (int i = 0; i < request.headers().size(); i++) {
      String name = request.headers().name(i);
      boolean secret = name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Cookie");
      out.append(name)
          .append(": ")
          .append(secret ? "***" : request.headers().value(i))
          .append('\n');
    }
    if (request.bodyLength() > 0) {
      String body = request.bodyString();
      out.append('\n')
          .append(
              body.length() > DUMP_BODY_BYTES ? body.substring(0, DUMP_BODY_BYTES) + "..." : body);
    }
    return out.toString();
  }
}
