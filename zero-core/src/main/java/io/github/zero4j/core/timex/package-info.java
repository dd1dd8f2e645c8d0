/**
 * Time sources. Primitives never read {@code System.nanoTime()} directly: they take a {@link
 * io.github.zero4j.core.timex.Ticker} so tests can drive time by hand.
 */
@NullMarked
package io.github.zero4j.core.timex;

import org.jspecify.annotations.NullMarked;
