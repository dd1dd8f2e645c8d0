/**
 * Time-bucketed and time-driven collections: {@link io.github.zero4j.core.collection.RollingWindow}
 * (go-zero's {@code collection.RollingWindow}) and {@link
 * io.github.zero4j.core.collection.TimingWheel} (go-zero's {@code collection.TimingWheel}).
 */
@NullMarked
package io.github.zero4j.core.collection;

import org.jspecify.annotations.NullMarked;
