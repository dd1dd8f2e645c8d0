/**
 * Coordination between callers: {@link io.github.zero4j.core.sync.SingleFlight} and {@link
 * io.github.zero4j.core.sync.AsyncSingleFlight} (one execution per key, shared by concurrent
 * callers), {@link io.github.zero4j.core.sync.LockedCalls} (per-key mutual exclusion), {@link
 * io.github.zero4j.core.sync.ImmutableResource} (fetch once, retry failures at a limited rate) and
 * {@link io.github.zero4j.core.sync.Workers} (virtual threads where the JVM has them, platform
 * threads otherwise). Ports of go-zero's {@code core/syncx}; nothing here uses {@code
 * synchronized}, so virtual threads never pin.
 */
@NullMarked
package io.github.zero4j.core.sync;

import org.jspecify.annotations.NullMarked;
