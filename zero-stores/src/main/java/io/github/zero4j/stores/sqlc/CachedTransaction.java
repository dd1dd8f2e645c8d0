package io.github.zero4j.stores.sqlc;

import io.github.zero4j.stores.sql.SqlSession;

/**
 * The session a {@link CachedConn#transact} body receives: the transaction's statements, plus cache
 * keys to delete once it has committed.
 */
public interface CachedTransaction extends SqlSession {

  /**
   * Deletes {@code keys} from the cache after the transaction commits; nothing is deleted if it
   * rolls back. (go-zero deletes inside the transaction, before the commit, so a concurrent reader
   * can cache the old row again until its expiry.)
   */
  void delCacheOnCommit(String... keys);
}
