/** zero-rest: see the module's issue and {@code docs/}. This module is being built up. */
@NullMarked
package io.github.zero4j.rest;

import org.jspecify.annotations.NullMarked;
