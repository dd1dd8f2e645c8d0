/**
 * OpenTelemetry glue over the API only (no SDK): the {@code zero4j} tracer, W3C {@code traceparent}
 * propagation over plain string carriers (HTTP headers, gRPC metadata, Kafka headers), span-kind
 * shortcuts and trace/span ids for log lines. See {@link io.github.zero4j.core.trace.Tracing}.
 */
@NullMarked
package io.github.zero4j.core.trace;

import org.jspecify.annotations.NullMarked;
