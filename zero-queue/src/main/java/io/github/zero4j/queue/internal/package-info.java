/**
 * Not API: the consumer engine that {@code queue.kq} and {@code queue.inproc} share (key lanes,
 * offset tracking, retries, dead-lettering, back-pressure, metrics). Its types may change in any
 * release.
 */
@NullMarked
package io.github.zero4j.queue.internal;

import org.jspecify.annotations.NullMarked;
