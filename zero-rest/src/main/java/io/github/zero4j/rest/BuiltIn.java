package io.github.zero4j.rest;

/**
 * The built-in middlewares, in the one order they run (outermost first): go-zero's (rest/engine.go
 * {@code buildChainWithNativeMiddlewares}), under the names of its {@code RestConf.Middlewares}
 * switches. Each is on by default and switched off with {@link
 * RestServer.Builder#disable(BuiltIn...)}.
 *
 * <p>After the built-ins come, on routes that have one, the JWT check; then the server's {@code
 * use(...)} middlewares; then the route group's middlewares; then the handler.
 *
 * <p>{@link #TRACE}, {@link #LOG}, {@link #PROMETHEUS}, {@link #MAX_CONNS}, {@link #BREAKER},
 * {@link #SHEDDING} and {@link #TIMEOUT} wrap the request on its connection's event loop, so a
 * timed-out or rejected request is answered (and logged) without waiting for a thread; from {@link
 * #RECOVER} inwards the chain runs on the handler's thread.
 */
public enum BuiltIn {
  /** OpenTelemetry server span named after the route pattern; {@code traceparent} echoed. */
  TRACE,
  /** One access line per request: {@code [HTTP] <code> - <METHOD> <uri> - <addr> - <agent>}. */
  LOG,
  /** {@code http_server_requests_duration_ms} and {@code http_server_requests_code_total}. */
  PROMETHEUS,
  /** At most {@code maxConns} requests in flight per route; 503 beyond. */
  MAX_CONNS,
  /** A Google-SRE breaker per route named {@code METHOD://path}; 503 while it rejects. */
  BREAKER,
  /** The adaptive CPU shedder ({@code priority} routes use the higher threshold); 503 on drop. */
  SHEDDING,
  /** 503 {@code Request Timeout} when the route's timeout passes first, 499 if the client left. */
  TIMEOUT,
  /** An exception from the handler or a middleware becomes a 500, logged with its stack. */
  RECOVER,
  /** The handler's duration into the per-minute stat line. */
  METRICS,
  /** 413 when the body is larger than the route's {@code maxBytes}, chunked bodies included. */
  MAX_BYTES,
  /** Inflates {@code Content-Encoding: gzip} bodies; 400 when they do not inflate. */
  GUNZIP
}
