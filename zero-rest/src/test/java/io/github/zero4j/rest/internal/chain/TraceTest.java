package io.github.zero4j.rest.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The TRACE stage without an OpenTelemetry SDK: what go-zero's handler does with a no-op one. */
class TraceTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  private final Trace trace = new Trace(Tracing.of(OpenTelemetry.noop()), "/users/:id");
  private final List<String> seenTraceIds = new ArrayList<>();
  private final List<Boolean> seenValidSpan = new ArrayList<>();

  private Response run(Request request) {
    CompletableFuture<Response> response =
        trace.handle(
            request,
            new TestExchange(),
            (r, exchange) -> {
              seenTraceIds.add(Tracing.traceId());
              seenValidSpan.add(Span.current().getSpanContext().isValid());
              return CompletableFuture.completedFuture(Response.text("ok"));
            });
    return response.join();
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
    assertThat(Span.current().getSpanContext().isValid()).as("scope closed").isFalse();
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
}
