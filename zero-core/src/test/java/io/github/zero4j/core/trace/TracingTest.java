package io.github.zero4j.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TracingTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

  private static Context withSpan(String traceId, String spanId) {
    SpanContext spanContext =
        SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
    return Context.root().with(Span.wrap(spanContext));
  }

  @Test
  void inject_writesW3cTraceparent() {
    Tracing tracing =
        Tracing.of(
            OpenTelemetry.propagating(
                ContextPropagators.create(W3CTraceContextPropagator.getInstance())));
    Map<String, String> headers = new HashMap<>();

    tracing.inject(withSpan(TRACE_ID, SPAN_ID), headers::put);

    assertThat(headers).containsExactly(Map.entry("traceparent", TRACEPARENT));
  }

  @Test
  void extract_roundTripsTheRemoteSpanContext() {
    Tracing tracing = Tracing.of(OpenTelemetry.noop());
    Map<String, String> headers = new HashMap<>();
    tracing.inject(withSpan(TRACE_ID, SPAN_ID), headers::put);

    Context extracted = tracing.extract(Context.root(), headers::get);

    SpanContext remote = Span.fromContext(extracted).getSpanContext();
    assertThat(remote.isRemote()).isTrue();
    assertThat(remote.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(remote.getSpanId()).isEqualTo(SPAN_ID);
    assertThat(remote.isSampled()).isTrue();
  }

  @Test
  void extract_withoutHeaders_hasNoTrace() {
    Context extracted = Tracing.of(OpenTelemetry.noop()).extract(Context.root(), key -> null);

    assertThat(Tracing.traceId(extracted)).isEmpty();
    assertThat(Tracing.spanId(extracted)).isEmpty();
  }

  @Test
  void extract_malformedTraceparent_isIgnored() {
    Context extracted =
        Tracing.of(OpenTelemetry.noop())
            .extract(Context.root(), key -> key.equals("traceparent") ? "00-zz-yy-01" : null);

    assertThat(Tracing.traceId(extracted)).isEmpty();
  }

  @Test
  void withoutSdk_propagatesGoZerosTraceContextAndBaggage() {
    // OpenTelemetry.noop() has no propagators; go-zero always propagates these two.
    Tracing tracing = Tracing.of(OpenTelemetry.noop());
    Context context =
        withSpan(TRACE_ID, SPAN_ID).with(Baggage.builder().put("tenant", "acme").build());
    Map<String, String> headers = new HashMap<>();

    tracing.inject(context, headers::put);
    Context extracted = tracing.extract(Context.root(), headers::get);

    assertThat(headers).containsEntry("traceparent", TRACEPARENT).containsKey("baggage");
    assertThat(Baggage.fromContext(extracted).getEntryValue("tenant")).isEqualTo("acme");
    assertThat(tracing.propagator().fields()).contains("traceparent", "tracestate", "baggage");
  }

  @Test
  void configuredPropagator_isUsedAsIs() {
    TextMapPropagator custom = new SingleHeaderPropagator();
    Tracing tracing = Tracing.of(OpenTelemetry.propagating(ContextPropagators.create(custom)));
    Map<String, String> headers = new HashMap<>();

    tracing.inject(withSpan(TRACE_ID, SPAN_ID), headers::put);

    assertThat(tracing.propagator()).isSameAs(custom);
    assertThat(headers).containsExactly(Map.entry("x-trace", TRACE_ID));
  }

  @Test
  void noop_propagatesNothing() {
    Map<String, String> headers = new HashMap<>();

    Tracing.noop().inject(withSpan(TRACE_ID, SPAN_ID), headers::put);

    assertThat(headers).isEmpty();
    assertThat(Tracing.traceId(Tracing.noop().extract(Context.root(), h -> TRACEPARENT))).isEmpty();
  }

  @Test
  void traceIdAndSpanId_ofTheCurrentSpan() {
    assertThat(Tracing.traceId()).isEmpty();
    assertThat(Tracing.spanId()).isEmpty();

    try (Scope ignored = withSpan(TRACE_ID, SPAN_ID).makeCurrent()) {
      assertThat(Tracing.traceId()).isEqualTo(TRACE_ID);
      assertThat(Tracing.spanId()).isEqualTo(SPAN_ID);
    }

    assertThat(Tracing.traceId()).isEmpty();
  }

  @Test
  void startServer_withoutSdk_continuesTheIncomingTrace() {
    // The API's tracer creates no spans but hands the parent's context on, so ids still flow.
    Tracing tracing = Tracing.of(OpenTelemetry.noop());
    Map<String, String> incoming = Map.of("traceparent", TRACEPARENT);

    Span span = tracing.startServer("/users/:id", incoming::get);

    assertThat(span.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
    try (Scope ignored = span.makeCurrent()) {
      Map<String, String> outgoing = new HashMap<>();
      tracing.inject(Context.current(), outgoing::put);
      assertThat(outgoing).containsEntry("traceparent", TRACEPARENT);
    } finally {
      span.end();
    }
  }

  @Test
  void spanShortcuts_setKindParentAndZero4jScope() {
    RecordingOpenTelemetry otel = new RecordingOpenTelemetry();
    Tracing tracing = Tracing.of(otel);
    Map<String, String> incoming = Map.of("traceparent", TRACEPARENT);

    tracing.startServer("server", incoming::get);
    tracing.startConsumer("consumer", incoming::get);
    try (Scope ignored = withSpan(TRACE_ID, SPAN_ID).makeCurrent()) {
      tracing.startClient("client");
      tracing.startProducer("producer");
      tracing.startInternal("internal");
    }

    assertThat(otel.scopes).containsExactly(Tracing.INSTRUMENTATION_SCOPE);
    assertThat(otel.started)
        .extracting(s -> s.name + ":" + s.kind)
        .containsExactly(
            "server:SERVER",
            "consumer:CONSUMER",
            "client:CLIENT",
            "producer:PRODUCER",
            "internal:INTERNAL");
    assertThat(otel.started)
        .allSatisfy(
            s -> {
              SpanContext parent = Span.fromContext(s.parent).getSpanContext();
              assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
              assertThat(parent.getSpanId()).isEqualTo(SPAN_ID);
            });
    assertThat(Span.fromContext(otel.started.get(0).parent).getSpanContext().isRemote()).isTrue();
  }

  /** Writes only the trace id, under "x-trace", to prove the configured propagator is used. */
  private static final class SingleHeaderPropagator implements TextMapPropagator {
    @Override
    public Collection<String> fields() {
      return List.of("x-trace");
    }

    @Override
    public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
      setter.set(carrier, "x-trace", Span.fromContext(context).getSpanContext().getTraceId());
    }

    @Override
    public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
      return context;
    }
  }

  /** An API-only OpenTelemetry that remembers tracer scopes and the spans started. */
  private static final class RecordingOpenTelemetry implements OpenTelemetry {
    final List<String> scopes = new ArrayList<>();
    final List<RecordingSpanBuilder> started = new ArrayList<>();

    @Override
    public TracerProvider getTracerProvider() {
      return new TracerProvider() {
        @Override
        public Tracer get(String scope) {
          scopes.add(scope);
          return name -> new RecordingSpanBuilder(name, started);
        }

        @Override
        public Tracer get(String scope, String version) {
          return get(scope);
        }
      };
    }

    @Override
    public ContextPropagators getPropagators() {
      return ContextPropagators.noop();
    }
  }

  private static final class RecordingSpanBuilder implements SpanBuilder {
    final String name;
    final List<RecordingSpanBuilder> started;
    SpanKind kind = SpanKind.INTERNAL;
    Context parent = Context.root();

    RecordingSpanBuilder(String name, List<RecordingSpanBuilder> started) {
      this.name = name;
      this.started = started;
    }

    @Override
    public SpanBuilder setParent(Context context) {
      parent = context;
      return this;
    }

    @Override
    public SpanBuilder setNoParent() {
      parent = Context.root();
      return this;
    }

    @Override
    public SpanBuilder addLink(SpanContext spanContext) {
      return this;
    }

    @Override
    public SpanBuilder addLink(
        SpanContext spanContext, io.opentelemetry.api.common.Attributes attributes) {
      return this;
    }

    @Override
    public SpanBuilder setAttribute(String key, String value) {
      return this;
    }

    @Override
    public SpanBuilder setAttribute(String key, long value) {
      return this;
    }

    @Override
    public SpanBuilder setAttribute(String key, double value) {
      return this;
    }

    @Override
    public SpanBuilder setAttribute(String key, boolean value) {
      return this;
    }

    @Override
    public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
      return this;
    }

    @Override
    public SpanBuilder setSpanKind(SpanKind spanKind) {
      kind = spanKind;
      return this;
    }

    @Override
    public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
      return this;
    }

    @Override
    public Span startSpan() {
      started.add(this);
      return Span.fromContext(parent);
    }
  }
}
