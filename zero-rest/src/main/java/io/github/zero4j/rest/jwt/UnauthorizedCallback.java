package io.github.zero4j.rest.jwt;

import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;

/**
 * Answers a request whose token was refused: go-zero's {@code WithUnauthorizedCallback}, but the
 * callback owns the whole response, body and status included (go-zero issues #5202 and #1574). It
 * runs on the handler's thread.
 */
@FunctionalInterface
public interface UnauthorizedCallback {

  /** The response for {@code request}, refused for {@code reason} (its message says why). */
  Response onUnauthorized(Request request, Exception reason);
}
