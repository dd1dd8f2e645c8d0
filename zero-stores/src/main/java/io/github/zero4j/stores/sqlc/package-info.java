/**
 * go-zero's {@code sqlc}: {@link io.github.zero4j.stores.sqlc.CachedConn}, cache-aside SQL on a
 * {@link io.github.zero4j.stores.sql.SqlConn} and a {@link io.github.zero4j.stores.cache.Cache},
 * with goctl's cache key shapes ({@link io.github.zero4j.stores.sqlc.CacheKeys}).
 */
@NullMarked
package io.github.zero4j.stores.sqlc;

import org.jspecify.annotations.NullMarked;
