/**
 * Parallel map-reduce with a worker bound and cancellation: {@link
 * io.github.zero4j.core.mr.MapReduce#mapReduce}, {@link
 * io.github.zero4j.core.mr.MapReduce#forEach}, {@link io.github.zero4j.core.mr.MapReduce#finish}
 * and {@link io.github.zero4j.core.mr.MapReduce#finishVoid}. A port of go-zero's {@code core/mr}.
 */
@NullMarked
package io.github.zero4j.core.mr;

import org.jspecify.annotations.NullMarked;
