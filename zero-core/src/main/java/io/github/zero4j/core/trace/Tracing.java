package io.github.zero4j.core.trace;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * OpenTelemetry glue for zero4j modules, over the API only (no SDK is pulled in): the tracer of
 * instrumentation scope {@value #INSTRUMENTATION_SCOPE}, W3C trace-context propagation over plain
 * string carriers, span-kind shortcuts and the ids of the current span for log lines.
 *
 * <p>Propagation uses the {@link OpenTelemetry}'s propagators, or, when it has none (the API's
 * no-op, e.g. no SDK installed), go-zero's fixed pair: W3C {@code traceparent}/{@code tracestate}
 * plus W3C {@code baggage}. So a service without an SDK still passes the caller's trace on to the
 * services it calls.
 *
 * <pre>{@code
 * Tracing tracing = Tracing.global();
 * // server side (REST headers, gRPC metadata, Kafka record headers all fit a getter)
 * Span span = tracing.startServer("/users/:id", request::header);
 * try (Scope ignored = span.makeCurrent()) {
 *   log.info("trace={} span={}", Tracing.traceId(), Tracing.spanId());
 *   // client side: carry the current context on
 *   tracing.inject(Context.current(), outgoing::setHeader);
 * } finally {
 *   span.end();
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable apart from a benign cache; thread-safe.
 */
public final class Tracing {

  /** Instrumentation scope name of zero4j's tracer: {@value}. */
  public static final String INSTRUMENTATION_SCOPE = "zero4j";

  /** go-zero's log field for the trace id: {@value}. */
  public static final String TRACE_FIELD = "trace";

  /** go-zero's log field for the span id: {@value}. */
  public static final String SPAN_FIELD = "span";

  /** go-zero's propagators ({@code core/trace} {@code init()}): trace context, then baggage. */
  private static final TextMapPropagator GO_ZERO_PROPAGATOR =
      TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

  private static final Tracing GLOBAL = new Tracing(GlobalOpenTelemetry::get);

  private static final Tracing NOOP =
      new Tracing(new Resolved(OpenTelemetry.noop(), TextMapPropagator.noop()));

  private final @Nullable Supplier<OpenTelemetry> source;
  private volatile @Nullable Resolved resolved;

  private Tracing(Supplier<OpenTelemetry> source) {
    this.source = source;
  }

  private Tracing(Resolved fixed) {
    this.source = null;
    this.resolved = fixed;
  }

  /**
   * Tracing through {@link GlobalOpenTelemetry}, looked up on each use (not when this is called),
   * so an SDK or agent installed at start-up is picked up. Like any OpenTelemetry instrumentation,
   * the first lookup fixes the global to the no-op if nothing was installed before it.
   */
  public static Tracing global() {
    return GLOBAL;
  }

  /** Tracing through {@code openTelemetry}. */
  public static Tracing of(OpenTelemetry openTelemetry) {
    requireNonNull(openTelemetry, "openTelemetry");
    return new Tracing(resolve(openTelemetry));
  }

  /** No spans and no propagation at all. */
  public static Tracing noop() {
    return NOOP;
  }

  /** zero4j's tracer, instrumentation scope {@value #INSTRUMENTATION_SCOPE}. */
  public Tracer tracer() {
    return current().tracer;
  }

  /** The propagator {@link #inject} and {@link #extract} use. */
  public TextMapPropagator propagator() {
    return current().propagator;
  }

  /**
   * Writes {@code context}'s trace context (W3C {@code traceparent}, {@code tracestate}, {@code
   * baggage} by default) through {@code setter}, e.g. {@code headers::put}. Writes nothing when the
   * context carries no valid span.
   */
  public void inject(Context context, BiConsumer<String, String> setter) {
    requireNonNull(context, "context");
    requireNonNull(setter, "setter");
    propagator().inject(context, setter, Carriers.SETTER);
  }

  /**
   * Reads a trace context through {@code getter} (header name to value, {@code null} when absent)
   * on top of {@link Context#current()}. Propagators that enumerate keys see none.
   */
  public Context extract(Function<String, @Nullable String> getter) {
    return extract(Context.current(), getter);
  }

  /** Reads a trace context through {@code getter} on top of {@code parent}. */
  public Context extract(Context parent, Function<String, @Nullable String> getter) {
    requireNonNull(parent, "parent");
    requireNonNull(getter, "getter");
    return propagator().extract(parent, getter, Carriers.GETTER);
  }

  /** Starts a span of {@code kind} under {@code parent}. The caller ends it. */
  public Span start(String name, SpanKind kind, Context parent) {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(parent, "parent");
    return tracer().spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
  }

  /** Starts a {@link SpanKind#SERVER} span continuing the trace read through {@code getter}. */
  public Span startServer(String name, Function<String, @Nullable String> getter) {
    return start(name, SpanKind.SERVER, extract(getter));
  }

  /** Starts a {@link SpanKind#CONSUMER} span continuing the trace read through {@code getter}. */
  public Span startConsumer(String name, Function<String, @Nullable String> getter) {
    return start(name, SpanKind.CONSUMER, extract(getter));
  }

  /** Starts a {@link SpanKind#CLIENT} span under the current context. */
  public Span startClient(String name) {
    return start(name, SpanKind.CLIENT, Context.current());
  }

  /** Starts a {@link SpanKind#PRODUCER} span under the current context. */
  public Span startProducer(String name) {
    return start(name, SpanKind.PRODUCER, Context.current());
  }

  /** Starts a {@link SpanKind#INTERNAL} span under the current context. */
  public Span startInternal(String name) {
    return start(name, SpanKind.INTERNAL, Context.current());
  }

  /** The current span's 32-hex-digit trace id, or "" when there is no valid span. */
  public static String traceId() {
    return traceId(Context.current());
  }

  /** The current span's 16-hex-digit span id, or "" when there is no valid span. */
  public static String spanId() {
    return spanId(Context.current());
  }

  /** {@code context}'s trace id, or "" when it carries no valid span. */
  public static String traceId(Context context) {
    SpanContext span = Span.fromContext(requireNonNull(context, "context")).getSpanContext();
    return span.isValid() ? span.getTraceId() : "";
  }

  /** {@code context}'s span id, or "" when it carries no valid span. */
  public static String spanId(Context context) {
    SpanContext span = Span.fromContext(requireNonNull(context, "context")).getSpanContext();
    return span.isValid() ? span.getSpanId() : "";
  }

  private Resolved current() {
    Resolved cached = resolved;
    Supplier<OpenTelemetry> lookup = source;
    if (lookup == null) {
      // Fixed instances are resolved at construction.
      return requireNonNull(cached, "resolved");
    }
    OpenTelemetry openTelemetry = lookup.get();
    if (cached == null || cached.openTelemetry != openTelemetry) {
      cached = resolve(openTelemetry);
      resolved = cached;
    }
    return cached;
  }

  private static Resolved resolve(OpenTelemetry openTelemetry) {
    TextMapPropagator own = openTelemetry.getPropagators().getTextMapPropagator();
    boolean none = own == TextMapPropagator.noop();
    return new Resolved(openTelemetry, none ? GO_ZERO_PROPAGATOR : own);
  }

  @Override
  public String toString() {
    return "Tracing(" + (source != null ? "global" : current().openTelemetry) + ")";
  }

  /** An OpenTelemetry with its tracer and chosen propagator, cached together. */
  private static final class Resolved {
    final OpenTelemetry openTelemetry;
    final Tracer tracer;
    final TextMapPropagator propagator;

    Resolved(OpenTelemetry openTelemetry, TextMapPropagator propagator) {
      this.openTelemetry = openTelemetry;
      this.tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
      this.propagator = propagator;
    }
  }
}
