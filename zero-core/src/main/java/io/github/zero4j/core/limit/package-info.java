/**
 * In-process rate limiting: {@link io.github.zero4j.core.limit.TokenBucket}, a lock-free token
 * bucket with go-zero's token semantics, and {@link
 * io.github.zero4j.core.limit.LimitExceededException}, the stackless rejection every zero4j limiter
 * throws. The Redis limiters live in {@code zero-stores} and fall back to a {@code TokenBucket}
 * when Redis is unreachable.
 */
@NullMarked
package io.github.zero4j.core.limit;

import org.jspecify.annotations.NullMarked;
