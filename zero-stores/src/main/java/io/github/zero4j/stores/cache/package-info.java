/**
 * go-zero's {@code cache}: the cache-aside {@link io.github.zero4j.stores.cache.Cache} on Redis
 * (one node or a consistent-hash cluster of nodes) or in-process on Caffeine, with a not-found
 * placeholder, jittered expiry, per-key single flight, retried deletes and lease-guarded fills.
 */
@NullMarked
package io.github.zero4j.stores.cache;

import org.jspecify.annotations.NullMarked;
