/**
 * Internal to zero-rest, not API: the Netty transport behind {@link
 * io.github.zero4j.rest.RestServer} (connections, request reading, response writing, network
 * timeouts, graceful shutdown) and the handler executor. Types here are public only for {@code
 * RestServer}; they may change in any release, and none of them appears in zero-rest's API.
 */
@NullMarked
package io.github.zero4j.rest.internal;

import org.jspecify.annotations.NullMarked;
