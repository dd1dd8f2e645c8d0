/**
 * Redis-backed rate limiters wire-compatible with go-zero's {@code core/limit}: {@link
 * io.github.zero4j.stores.limit.TokenLimiter} (token bucket with an in-process fallback) and {@link
 * io.github.zero4j.stores.limit.PeriodLimiter} (fixed-window counter).
 */
@NullMarked
package io.github.zero4j.stores.limit;

import org.jspecify.annotations.NullMarked;
