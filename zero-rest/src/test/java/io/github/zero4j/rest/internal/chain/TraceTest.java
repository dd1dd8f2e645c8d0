package io.github.zero4j.rest.internal.chain;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TRACE stage without an OpenTelemetry SDK: what go-zero's handler does with a no-op one. */
class TraceTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  private final Trace trace = new Trace(Tracing.of(OpenTelemetry.noop()), "/users/:id");
  private final List<String> seenTraceIds = new ArrayList<>();
  private final List<Boolean> seenValidSpan = new ArrayList<>();

  private Response run(Request request) {
    return run(trace, request);
  }

  private Response run(Trace trace, Request request) {
    Call call = new Call(request, new TestExchange(), 0, Context.current());
    assertThat(trace.enter(call)).isNull();
    // What the inner chain sees: Dispatch makes the call's context current there.
    try (Scope ignored = call.context.makeCurrent()) {
      seenTraceIds.add(Tracing.traceId());
      seenValidSpan.add(Span.current().getSpanContext().isValid());
    }
    return requireNonNull(trace.leave(call, Response.text("ok")));
  }

  @Test
  void incomingTraceContext_isCurrentInTheChainAndEchoedAsIs() {
    Response response =
        run(
            Request.builder()
                .uri("/users/7")
                .header("traceparent", TRACEPARENT)
                .header("tracestate", "vendor=1")
                .build());

    assertThat(seenTraceIds).containsExactly(TRACE_ID);
    assertThat(response.headers().get("traceparent")).hasValue(TRACEPARENT);
    assertThat(response.headers().get("tracestate")).hasValue("vendor=1");
    assertThat(response.headers().get("Content-Type")).hasValue(Response.TEXT_PLAIN);
    assertThat(Span.current().getSpanContext().isValid()).as("nothing left current").isFalse();
  }

  @Test
  void traceContextHeaderNames_matchInAnyCase() {
    Response response =
        run(Request.builder().uri("/users/7").header("TraceParent", TRACEPARENT).build());

    assertThat(seenTraceIds).containsExactly(TRACE_ID);
    assertThat(response.headers().get("traceparent")).hasValue(TRACEPARENT);
  }

  @Test
  void noOrBrokenTraceContext_nothingIsInventedOrEchoed() {
    for (Request request :
        List.of(
            Request.builder().uri("/users/7").build(),
            Request.builder().uri("/users/7").header("traceparent", "00-zz-yy-01").build(),
            Request.builder().uri("/users/7").header("baggage", "k=v").build())) {
      Response response = run(request);
      assertThat(response.headers().contains("traceparent")).isFalse();
      assertThat(response.headers().contains("baggage")).isFalse();
    }
    assertThat(seenTraceIds).containsExactly("", "", "");
    assertThat(seenValidSpan).containsExactly(false, false, false);
  }

  @Test
  void noTraceHeaders_butASpanCurrentOnTheCallingThread_itIsCurrentInTheChainAndEchoed() {
    SpanContext outer =
        SpanContext.create(
            TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
    Response response;
    try (Scope ignored = Context.root().with(Span.wrap(outer)).makeCurrent()) {
      response = run(Request.builder().uri("/users/7").build());
    }

    assertThat(seenTraceIds).containsExactly(TRACE_ID);
    assertThat(response.headers().get("traceparent")).hasValue(TRACEPARENT);
  }

  @Test
  void aPropagatorThatWritesForTheRootContext_isEchoedWithoutTraceHeaders() {
    Trace stamped =
        new Trace(
            Tracing.of(OpenTelemetry.propagating(ContextPropagators.create(new StampPropagator()))),
            "/users/:id");

    Response response = run(stamped, Request.builder().uri("/users/7").build());

    assertThat(response.headers().get("x-stamp")).hasValue("always");
    assertThat(seenValidSpan).containsExactly(false);
  }

  /** Writes one fixed header whatever the context: the case the fast path must not skip. */
  private static final class StampPropagator implements TextMapPropagator {
    @Override
    public Collection<String> fields() {
      return List.of("x-stamp");
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
      setter.set(carrier, "x-stamp", "always");
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
      return context;
    }
  }
}
