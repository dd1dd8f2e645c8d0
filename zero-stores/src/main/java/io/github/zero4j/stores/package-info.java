/** zero-stores: see the module's issue and {@code docs/}. This module is being built up. */
@NullMarked
package io.github.zero4j.stores;

import org.jspecify.annotations.NullMarked;
