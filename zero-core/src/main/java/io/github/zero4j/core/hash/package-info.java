/**
 * Hashing shared with go-zero fleets: {@link io.github.zero4j.core.hash.Murmur3} is go-zero's
 * {@code core/hash.Hash}, so a bloom filter or a consistent-hash ring built by a Java service reads
 * the same bits and places keys on the same nodes as a Go service's.
 */
@NullMarked
package io.github.zero4j.core.hash;

import org.jspecify.annotations.NullMarked;
