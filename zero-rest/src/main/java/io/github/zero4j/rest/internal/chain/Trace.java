package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link io.github.zero4j.rest.BuiltIn#TRACE}: go-zero's rest/handler/tracehandler.go. The context
 * is extracted from the request headers ({@code traceparent}, {@code tracestate}, {@code baggage})
 * with the tracing's propagator, a server span named after the route pattern (the raw path for
 * requests no route matches) starts, and the span's context is injected into the response headers,
 * so the client sees {@code traceparent}. The span records the status code and is marked an error
 * at 500 and above.
 *
 * <p>The span's context is current while the rest of the chain is called, so the access log picks
 * it up and {@link Dispatch} carries it to the handler's thread: {@link Tracing#traceId()} works in
 * handlers and middlewares. Stateless.
 */
final class Trace implements Stage {
  private static final AttributeKey<Long> STATUS_CODE =
      AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final int SERVER_ERROR = 500;

  /** What {@code Tracing} hands out when no OpenTelemetry SDK is installed (a singleton). */
  private static final Tracer NOOP_TRACER =
      TracerProvider.noop().get(Tracing.INSTRUMENTATION_SCOPE);

  /** traceparent and tracestate, as names and values. */
  private static final int EXPECTED_ECHO_STRINGS = 4;

  private final Tracing tracing;
  private final String spanName;

  /**
   * Whether the propagator writes nothing for the root context (W3C trace context and baggage write
   * nothing without a valid span or baggage): then a request that carries none of its fields,
   * arriving on a thread with no current context, has nothing to extract, make current or echo.
   */
  private final boolean rootEchoesNothing;

  /** A trace stage naming spans {@code spanName}, or after the request path when empty. */
  Trace(Tracing tracing, String spanName) {
    this.tracing = tracing;
    this.spanName = spanName;
    boolean[] wrote = {false};
    tracing.inject(Context.root(), (key, value) -> wrote[0] = true);
    this.rootEchoesNothing = !wrote[0];
  }

  @Override
  public CompletableFuture<Response> handle(Request request, Exchange exchange, Next next) {
    if (tracing.tracer() == NOOP_TRACER) {
      return propagateOnly(request, exchange, next);
    }
    String name = spanName.isEmpty() ? request.path() : spanName;
    Span span = tracing.startServer(name, key -> request.header(key).orElse(null));
    span.setAttribute(METHOD, request.method());
    if (!spanName.isEmpty()) {
      span.setAttribute(ROUTE, spanName);
    }
    Context context = Context.current().with(span);
    CompletableFuture<Response> response;
    try (Scope ignored = context.makeCurrent()) {
      response = next.proceed(request, exchange);
    } catch (RuntimeException | Error e) {
      span.setStatus(StatusCode.ERROR);
      span.end();
      throw e;
    }
    return response
        .whenComplete(
            (rendered, error) -> {
              if (rendered == null) {
                span.setStatus(StatusCode.ERROR);
                span.end();
                return;
              }
              span.setAttribute(STATUS_CODE, (long) rendered.status());
              if (rendered.status() >= SERVER_ERROR) {
                span.setStatus(StatusCode.ERROR);
              }
              span.end();
            })
        .thenApply(rendered -> echo(rendered, context));
  }

  /**
   * The no-op tracer's case (no OpenTelemetry SDK installed), with the same outcome as the path
   * above without its span and callbacks: the no-op tracer's server span is the incoming span
   * context wrapped ({@link Span#wrap}; invalid when the request carries none), so that context is
   * made current and echoed when valid. What is echoed depends only on that context, so it is
   * worked out before the chain runs, and a request with nothing to echo costs no extra stage.
   */
  private CompletableFuture<Response> propagateOnly(Request request, Exchange exchange, Next next) {
    // A propagator reads only its fields(): with none of them in the request there is nothing to
    // extract (the common case, and the propagators' parsing is the costly part of this stage).
    boolean carries = carriesAny(request, tracing.propagator().fields());
    if (!carries && rootEchoesNothing && Context.current() == Context.root()) {
      // Nothing to extract, nothing current: the span below would be invalid and nothing echoed.
      return next.proceed(request, exchange);
    }
    Context extracted =
        carries ? tracing.extract(key -> request.header(key).orElse(null)) : Context.current();
    Span span = Span.wrap(Span.fromContext(extracted).getSpanContext());
    Context context = Context.current().with(span);
    List<String> echoed = new ArrayList<>(EXPECTED_ECHO_STRINGS);
    tracing.inject(
        context,
        (key, value) -> {
          echoed.add(key);
          echoed.add(value);
        });
    CompletableFuture<Response> response;
    if (span.getSpanContext().isValid()) {
      try (Scope ignored = context.makeCurrent()) {
        response = next.proceed(request, exchange);
      }
    } else {
      // An invalid span adds nothing Span.current() or Tracing.traceId() could see.
      response = next.proceed(request, exchange);
    }
    if (echoed.isEmpty()) {
      return response;
    }
    return response.thenApply(
        rendered -> {
          Response out = rendered;
          for (int i = 0; i < echoed.size(); i += 2) {
            out = out.withHeader(echoed.get(i), echoed.get(i + 1));
          }
          return out;
        });
  }

  private static boolean carriesAny(Request request, Collection<String> fields) {
    for (String field : fields) {
      if (request.headers().contains(field)) {
        return true;
      }
    }
    return false;
  }

  /** {@code rendered} with the span's context in its headers, as go-zero injects it. */
  private Response echo(Response rendered, Context context) {
    Response[] echoed = {rendered};
    tracing.inject(context, (key, value) -> echoed[0] = echoed[0].withHeader(key, value));
    return echoed[0];
  }
}
