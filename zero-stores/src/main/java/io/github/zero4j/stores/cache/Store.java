package io.github.zero4j.stores.cache;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One place values live: a Redis node or the in-process map. {@link DefaultCache} holds the
 * cache-aside logic once and routes each key to a store; a store only moves strings. Every method
 * may throw the store's own exception; the cache decides what a failure means. Implementations are
 * thread-safe.
 */
interface Store extends AutoCloseable {

  /** The store's address, as it appears in logs and on the consistent-hash ring. */
  String name();

  /** The raw value of {@code key}, or empty when it is absent. */
  Optional<String> get(String key);

  /**
   * Takes a fill lease on {@code key}, to be presented to {@link #fill}: the lease is revoked by
   * any later {@link #del} or {@link #set} of the key. Called after a miss and before the database
   * read.
   */
  String lease(String key);

  /**
   * Writes {@code value} for {@code ttlSeconds} (only if the key is absent when {@code nx}), and
   * only while {@code lease} is still valid; a {@code null} lease writes unconditionally (go-zero's
   * behaviour). Returns whether the value was written.
   */
  boolean fill(String key, @Nullable String lease, String value, long ttlSeconds, boolean nx);

  /** Writes {@code value} for {@code ttlSeconds}, revoking any lease on the key. */
  void set(String key, String value, long ttlSeconds);

  /** Deletes {@code keys} and revokes their leases. */
  void del(List<String> keys);

  @Override
  void close();
}
