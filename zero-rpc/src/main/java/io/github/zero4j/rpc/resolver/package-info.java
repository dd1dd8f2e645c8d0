/**
 * gRPC name resolvers for go-zero's target shapes: {@code direct:///h1:p,h2:p} and {@code
 * etcd:///h1:p,h2:p?key=K}. Both providers are registered through {@code
 * META-INF/services/io.grpc.NameResolverProvider}.
 */
@NullMarked
package io.github.zero4j.rpc.resolver;

import org.jspecify.annotations.NullMarked;
