/**
 * Jackson settings the modules share: {@link io.github.zero4j.core.json.RecyclerPerThreadKind},
 * buffer recyclers that work for the virtual threads blocking work runs on (JDK 21+).
 */
@NullMarked
package io.github.zero4j.core.json;

import org.jspecify.annotations.NullMarked;
