/**
 * A Redis bitmap bloom filter that sets and tests the same bits as go-zero's {@code core/bloom}.
 */
@NullMarked
package io.github.zero4j.stores.bloom;

import org.jspecify.annotations.NullMarked;
