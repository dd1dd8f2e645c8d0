/** zero-queue: see the module's issue and {@code docs/}. This module is being built up. */
@NullMarked
package io.github.zero4j.queue;

import org.jspecify.annotations.NullMarked;
