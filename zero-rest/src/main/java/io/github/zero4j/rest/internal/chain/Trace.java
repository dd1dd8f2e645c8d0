package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.rest.Headers;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link io.github.zero4j.rest.BuiltIn#TRACE}: go-zero's rest/handler/tracehandler.go. The context
 * is extracted from the request headers ({@code traceparent}, {@code tracestate}, {@code baggage})
 * with the tracing's propagator, a server span named after the route pattern (the raw path for
 * requests no route matches) starts, and the span's context is injected into the response headers,
 * so the client sees {@code traceparent}. The span records the status code and is marked an error
 * at 500 and above.
 *
 * <p>The span's context becomes the request's ({@link Call#context}): the access line picks it up
 * and {@link Dispatch} makes it current on the handler's thread, so {@link Tracing#traceId()} works
 * in handlers and middlewares. Stateless.
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

  /** The propagator's fields as last seen; racy but idempotent when the propagator changes. */
  private volatile Fields fields;

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
    this.fields = new Fields(tracing.propagator());
  }

  @Override
  public @Nullable Response enter(Call call) {
    if (tracing.tracer() == NOOP_TRACER) {
      propagateOnly(call);
      return null;
    }
    Request request = call.request;
    String name = spanName.isEmpty() ? request.path() : spanName;
    Span span = tracing.startServer(name, key -> request.header(key).orElse(null));
    span.setAttribute(METHOD, request.method());
    if (!spanName.isEmpty()) {
      span.setAttribute(ROUTE, spanName);
    }
    call.span = span;
    call.context = call.context.with(span);
    call.echoed = echoed(call.context);
    return null;
  }

  @Override
  public @Nullable Response leave(Call call, @Nullable Response response) {
    Span span = call.span;
    if (span != null) {
      if (response == null) {
        span.setStatus(StatusCode.ERROR);
      } else {
        span.setAttribute(STATUS_CODE, (long) response.status());
        if (response.status() >= SERVER_ERROR) {
          span.setStatus(StatusCode.ERROR);
        }
      }
      span.end();
    }
    List<String> echoed = call.echoed;
    if (response == null || echoed == null) {
      return response;
    }
    Response out = response;
    for (int i = 0; i < echoed.size(); i += 2) {
      out = out.withHeader(echoed.get(i), echoed.get(i + 1));
    }
    return out;
  }

  /**
   * The no-op tracer's case (no OpenTelemetry SDK installed), with the same outcome as the path
   * above without its span: the no-op tracer's server span is the incoming span context wrapped
   * ({@link Span#wrap}; invalid when the request carries none), so that context becomes the
   * request's and is echoed when valid. What is echoed depends only on that context, so a request
   * with nothing to echo costs nothing when it leaves.
   */
  private void propagateOnly(Call call) {
    Request request = call.request;
    // A propagator reads only its fields(): with none of them in the request there is nothing to
    // extract (the common case, and the propagators' parsing is the costly part of this stage).
    boolean carries = carriesAny(request, tracing.propagator());
    if (!carries && rootEchoesNothing && call.context == Context.root()) {
      // Nothing to extract, nothing current: the span below would be invalid and nothing echoed.
      return;
    }
    Context extracted =
        carries
            ? tracing.extract(call.context, key -> request.header(key).orElse(null))
            : call.context;
    Span span = Span.wrap(Span.fromContext(extracted).getSpanContext());
    Context context = call.context.with(span);
    if (span.getSpanContext().isValid()) {
      // An invalid span adds nothing Span.current() or Tracing.traceId() could see.
      call.context = context;
    }
    call.echoed = echoed(context);
  }

  /** What the propagator writes for {@code context}, as names and values; null for nothing. */
  private @Nullable List<String> echoed(Context context) {
    List<String> echoed = new ArrayList<>(EXPECTED_ECHO_STRINGS);
    tracing.inject(
        context,
        (key, value) -> {
          echoed.add(key);
          echoed.add(value);
        });
    return echoed.isEmpty() ? null : echoed;
  }

  /** Whether {@code request} has a header named like one of the propagator's fields. */
  private boolean carriesAny(Request request, TextMapPropagator propagator) {
    Fields known = fields;
    if (known.propagator != propagator) {
      // Tracing.global() follows GlobalOpenTelemetry, which may be set after the server started.
      known = new Fields(propagator);
      fields = known;
    }
    Headers headers = request.headers();
    for (int i = 0; i < headers.size(); i++) {
      if (known.matches(headers.name(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A propagator's fields, checked against each request header in one pass: a header name is only
   * compared with the fields of its length (few headers, few fields, no lower-case copies).
   */
  private static final class Fields {
    final TextMapPropagator propagator;
    private final String[] names;

    Fields(TextMapPropagator propagator) {
      this.propagator = propagator;
      Collection<String> fields = propagator.fields();
      this.names = fields.toArray(new String[0]);
    }

    boolean matches(String header) {
      for (String name : names) {
        if (name.length() == header.length() && name.equalsIgnoreCase(header)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code rendered} with the span's context in its headers, as go-zero injects it. */
  private Response echo(Response rendered, Context context) {
    Response[] echoed = {rendered};
    tracing.inject(context, (key, value) -> echoed[0] = echoed[0].withHeader(key, value));
    return echoed[0];
  }
}
