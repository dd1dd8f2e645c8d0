/**
 * Batching and rate-of-execution helpers from go-zero's {@code core/executors}: {@link
 * io.github.zero4j.core.executors.BulkExecutor} (flush every N tasks or every interval), {@link
 * io.github.zero4j.core.executors.ChunkExecutor} (flush every N bytes or every interval) and {@link
 * io.github.zero4j.core.executors.LessExecutor} (run at most once per interval).
 */
@NullMarked
package io.github.zero4j.core.executors;

import org.jspecify.annotations.NullMarked;
