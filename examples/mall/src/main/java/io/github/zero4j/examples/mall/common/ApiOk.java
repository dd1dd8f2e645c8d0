package io.github.zero4j.examples.mall.common;

import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.httpx.OkHandler;

/**
 * Wraps every {@code Response.json(value)} of a mall API in {@link Envelope#ok}. An {@link
 * Envelope} passes through unchanged. {@code Response.json(status, value)} is never wrapped (that
 * is how {@code /health} and {@code /ready} answer in the design notes' shape).
 */
public final class ApiOk implements OkHandler {
  @Override
  public Object wrap(Request request, Object value) {
    return value instanceof Envelope ? value : Envelope.ok(value);
  }
}
