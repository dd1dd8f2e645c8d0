/**
 * go-zero's built-in gRPC interceptors as plain grpc-java {@link io.grpc.ServerInterceptor}s and
 * {@link io.grpc.ClientInterceptor}s: tracing, recover, stat, metrics, breaker, shedding and
 * timeout on the server ({@link io.github.zero4j.rpc.interceptor.RpcServerInterceptors}); tracing,
 * duration, metrics, breaker and timeout on the client ({@link
 * io.github.zero4j.rpc.interceptor.RpcClientInterceptors}). {@link io.github.zero4j.rpc.RpcServer}
 * and {@link io.github.zero4j.rpc.RpcClient} install them in go-zero's order; any grpc-java server
 * or channel can use them directly.
 */
@NullMarked
package io.github.zero4j.rpc.interceptor;

import org.jspecify.annotations.NullMarked;
