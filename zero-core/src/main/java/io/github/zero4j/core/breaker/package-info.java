/**
 * go-zero's adaptive circuit breaker (Google SRE client-side throttling): {@link
 * io.github.zero4j.core.breaker.Breaker}, its builder, the {@link
 * io.github.zero4j.core.breaker.BreakerOpenException} it throws when it drops a call, and the named
 * registries {@link io.github.zero4j.core.breaker.BreakerRegistry} and {@link
 * io.github.zero4j.core.breaker.Breakers}.
 */
@NullMarked
package io.github.zero4j.core.breaker;

import org.jspecify.annotations.NullMarked;
