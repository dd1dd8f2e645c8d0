package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Cors;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import org.jspecify.annotations.Nullable;

/**
 * {@link Cors} on the event loop, outside every built-in: go-zero's cors.Middleware around the
 * router. OPTIONS is answered 204 here; other requests get the headers added to their response
 * (fields the handler set itself are kept). Stateless.
 */
final class CorsStage implements Stage {
  private static final int NO_CONTENT = 204;
  private static final String OPTIONS = "OPTIONS";

  private final Cors cors;

  CorsStage(Cors cors) {
    this.cors = cors;
  }

  @Override
  public @Nullable Response enter(Call call) {
    if (call.request.method().equals(OPTIONS)) {
      return decorate(call.request, Response.status(NO_CONTENT));
    }
    return null;
  }

  @Override
  public @Nullable Response leave(Call call, @Nullable Response response) {
    return response != null ? decorate(call.request, response) : null;
  }

  private Response decorate(Request request, Response response) {
    Response.Builder out = response.toBuilder();
    out.addHeader("Vary", "Origin");
    if (request.method().equals(OPTIONS)) {
      out.addHeader("Vary", "Access-Control-Request-Method");
      out.addHeader("Vary", "Access-Control-Request-Headers");
    }
    @Nullable String origin = cors.allowOrigin(request.header("Origin").orElse(""));
    if (origin != null && !(origin.isEmpty() && !cors.allowedOrigins().isEmpty())) {
      set(out, response, "Access-Control-Allow-Origin", origin);
      set(out, response, "Access-Control-Allow-Methods", Cors.ALLOW_METHODS);
      set(out, response, "Access-Control-Allow-Headers", cors.allowHeaders());
      set(out, response, "Access-Control-Expose-Headers", Cors.EXPOSE_HEADERS);
      if (!origin.equals("*")) {
        set(out, response, "Access-Control-Allow-Credentials", "true");
      }
      set(out, response, "Access-Control-Max-Age", Cors.MAX_AGE);
    }
    return out.build();
  }

  private static void set(Response.Builder out, Response response, String name, String value) {
    if (!response.headers().contains(name)) {
      out.header(name, value);
    }
  }
}
