/**
 * zero-rpc: go-zero's zRPC for grpc-java. {@link io.github.zero4j.rpc.RpcServer} and {@link
 * io.github.zero4j.rpc.RpcClient} are built from {@link io.github.zero4j.rpc.RpcServerConf} and
 * {@link io.github.zero4j.rpc.RpcClientConf} (go-zero's keys and defaults) and install go-zero's
 * interceptors ({@code io.github.zero4j.rpc.interceptor}), the {@code p2c_ewma} balancer ({@code
 * .balancer}), the {@code direct:} and {@code etcd:} resolvers ({@code .resolver}) and etcd
 * registration ({@code .discovery}). {@link io.github.zero4j.rpc.Deadlines} carries a caller's
 * deadline into the calls it makes. See {@code docs/rpc.md}.
 */
@NullMarked
package io.github.zero4j.rpc;

import org.jspecify.annotations.NullMarked;
