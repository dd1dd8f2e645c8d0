/** zero-rpc: see the module's issue and {@code docs/}. This module is being built up. */
@NullMarked
package io.github.zero4j.rpc;

import org.jspecify.annotations.NullMarked;
