package io.github.zero4j.rest.httpx;

import io.github.zero4j.rest.Request;

/**
 * Transforms the value of every {@link io.github.zero4j.rest.Response#json(Object)} before it is
 * serialized: go-zero's {@code httpx.SetOkHandler}, the usual way to wrap payloads into {@code
 * {code:0,msg:"ok",data:v}}. Runs on the handler's thread.
 */
@FunctionalInterface
public interface OkHandler {

  /** The value to serialize instead of {@code value}. */
  Object wrap(Request request, Object value);

  /** Serializes values as they are. */
  static OkHandler identity() {
    return (request, value) -> value;
  }
}
