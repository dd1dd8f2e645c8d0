/**
 * zero-rest: a Netty HTTP server with go-zero's routing, built-in middleware chain and request
 * binding, behind types that never show Netty.
 *
 * <p>Start with {@link io.github.zero4j.rest.RestServer#builder()}: routes map an {@link
 * io.github.zero4j.rest.HttpMethod} and a path pattern to a {@link io.github.zero4j.rest.Handler};
 * {@link io.github.zero4j.rest.Middleware} interceptors wrap them; {@link
 * io.github.zero4j.rest.BuiltIn} lists the built-in middlewares in their fixed order. See {@code
 * docs/rest.md}.
 */
@NullMarked
package io.github.zero4j.rest;

import org.jspecify.annotations.NullMarked;
