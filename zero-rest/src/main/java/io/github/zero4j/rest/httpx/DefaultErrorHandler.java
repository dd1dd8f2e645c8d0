package io.github.zero4j.rest.httpx;

import io.github.zero4j.rest.RejectedException;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.RestException;

/** go-zero's error rendering (rest/httpx/responses.go and the built-in handlers). */
final class DefaultErrorHandler implements ErrorHandler {
  static final DefaultErrorHandler INSTANCE = new DefaultErrorHandler();

  /** go-zero answers an error that is neither a gRPC status nor handled with 400. */
  private static final int BAD_REQUEST = 400;

  private DefaultErrorHandler() {}

  @Override
  public Response handle(Request request, Throwable error) {
    if (error instanceof RejectedException rejected) {
      String body = rejected.rejection().defaultBody();
      return body.isEmpty()
          ? Response.status(rejected.status())
          : Response.text(rejected.status(), body);
    }
    String message = String.valueOf(error.getMessage());
    if (error instanceof RestException rest) {
      return Response.text(rest.status(), message);
    }
    return Response.text(BAD_REQUEST, message);
  }
}
