package io.github.zero4j.rest.internal.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.rest.Headers;
import io.github.zero4j.rest.RejectedException;
import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.httpx.ErrorHandler;
import io.github.zero4j.rest.httpx.OkHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes responses final: serializes JSON values (through the ok handler for {@code
 * Response.json(value)}) and turns error responses into what the error handler answers. Every chain
 * hop renders what it returns, so middlewares only ever see rendered responses.
 *
 * <p>Thread-safe if the handlers and the mapper are.
 */
public final class Renderer {
  private static final Logger LOG = LoggerFactory.getLogger(Renderer.class);

  /** go-zero answers a value that does not marshal with 500 (httpx.WriteJson). */
  private static final int INTERNAL_ERROR = 500;

  private final ObjectMapper mapper;
  private final ErrorHandler errorHandler;
  private final OkHandler okHandler;

  /** A renderer writing JSON with {@code mapper}. */
  public Renderer(ObjectMapper mapper, ErrorHandler errorHandler, OkHandler okHandler) {
    this.mapper = mapper;
    this.errorHandler = errorHandler;
    this.okHandler = okHandler;
  }

  /** {@code response} with its JSON value serialized or its error rendered. */
  public Response render(Response response, Request request) {
    if (response.isRendered()) {
      return response;
    }
    Throwable error = response.error().orElse(null);
    if (error != null) {
      return withHeaders(renderError(request, error), response.headers());
    }
    return serialize(response, request);
  }

  /** The rendered rejection of {@code request} for {@code rejection}. */
  public Response reject(Request request, Rejection rejection, String message) {
    return render(Response.error(new RejectedException(rejection, message)), request);
  }

  private Response renderError(Request request, Throwable error) {
    Response rendered;
    try {
      rendered = errorHandler.handle(request, error);
    } catch (RuntimeException e) {
      LOG.error("error handler failed on {} for {} {}", error, request.method(), request.uri(), e);
      return ErrorHandler.defaults().handle(request, error);
    }
    if (rendered == null) {
      return ErrorHandler.defaults().handle(request, error);
    }
    if (rendered.isRendered()) {
      return rendered;
    }
    Throwable again = rendered.error().orElse(null);
    // An error handler answering with another error response would loop: go-zero's defaults end it.
    return again != null
        ? ErrorHandler.defaults().handle(request, again)
        : serialize(rendered, request);
  }

  private Response serialize(Response response, Request request) {
    Object entity = response.entity().orElseThrow();
    Object value = response.isOkPayload() ? okHandler.wrap(request, entity) : entity;
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(value);
    } catch (Exception e) {
      LOG.error(
          "cannot write {} as JSON for {} {}",
          value.getClass().getName(),
          request.method(),
          request.uri(),
          e);
      return Response.text(INTERNAL_ERROR, String.valueOf(e.getMessage()));
    }
    Response.Builder builder = response.toBuilder().body(body);
    if (!response.headers().contains("Content-Type")) {
      builder.header("Content-Type", Response.APPLICATION_JSON);
    }
    return builder.build();
  }

  private static Response withHeaders(Response rendered, Headers extra) {
    if (extra.size() == 0) {
      return rendered;
    }
    Response.Builder builder = rendered.toBuilder();
    for (int i = 0; i < extra.size(); i++) {
      if (!rendered.headers().contains(extra.name(i))) {
        builder.addHeader(extra.name(i), extra.value(i));
      }
    }
    return builder.build();
  }
}
