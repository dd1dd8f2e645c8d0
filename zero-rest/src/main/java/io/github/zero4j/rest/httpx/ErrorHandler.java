package io.github.zero4j.rest.httpx;

import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;

/**
 * Turns an error into a response: go-zero's {@code httpx.SetErrorHandlerCtx}, but applied to every
 * error response: {@link Response#error(Throwable)}, a {@link io.github.zero4j.rest.RestException}
 * thrown by a handler, binding failures, and the server's own rejections (404, 405, 413, 400 bad
 * gzip, 401, 500, 503), which arrive as {@link io.github.zero4j.rest.RejectedException}. An
 * application wraps them all in its {@code {code,msg,data}} envelope here.
 *
 * <p>It runs on the thread that produced the error, which for rejections is the connection's event
 * loop: it must not block. If it throws or returns {@code null}, {@link #defaults()} answers
 * instead. The server adds {@code Allow} to a 405 that lacks it.
 */
@FunctionalInterface
public interface ErrorHandler {

  /** The response for {@code error}, raised while serving {@code request}. */
  Response handle(Request request, Throwable error);

  /**
   * go-zero's answers: a rejection gets its status and go-zero's body ({@code 404 page not found},
   * {@code Request Timeout}, else none); any other {@link io.github.zero4j.rest.RestException} its
   * status with its message as {@code text/plain}; any other error 400 with its message as {@code
   * text/plain}.
   */
  static ErrorHandler defaults() {
    return DefaultErrorHandler.INSTANCE;
  }
}
