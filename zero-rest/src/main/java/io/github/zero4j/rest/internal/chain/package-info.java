/**
 * Internal to zero-rest, not API: the middleware chain ({@link
 * io.github.zero4j.rest.internal.chain.Pipeline}), the built-in middlewares and response rendering.
 * Types here are public only so that the transport in {@code io.github.zero4j.rest.internal} can
 * use them; they may change in any release.
 */
@NullMarked
package io.github.zero4j.rest.internal.chain;

import org.jspecify.annotations.NullMarked;
