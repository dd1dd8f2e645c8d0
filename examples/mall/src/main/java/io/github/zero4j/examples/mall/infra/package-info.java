/**
 * What a mall service needs from Redis, or an in-process stand-in when the configuration has no
 * Redis (the embedded mode): the cache, the token limiter and the period limiter. {@link
 * io.github.zero4j.examples.mall.infra.Stores} chooses between them from the configuration.
 */
@NullMarked
package io.github.zero4j.examples.mall.infra;

import org.jspecify.annotations.NullMarked;
