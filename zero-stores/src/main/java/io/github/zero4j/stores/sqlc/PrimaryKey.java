package io.github.zero4j.stores.sqlc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.stores.sql.SqlSession;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How {@link CachedConn#queryRowIndex} reaches a row by its primary key: the key's type (as it is
 * cached under the index key), how to read it from a row, its cache key (goctl's {@code
 * formatPrimary}) and the primary-key query. Define one per table:
 *
 * <pre>{@code
 * static final PrimaryKey<User, Long> USER_ID = PrimaryKey.of(
 *     Long.class, User::id, id -> CacheKeys.key(USER_ID_PREFIX, id),
 *     (db, id) -> db.queryRow(User.class, "SELECT * FROM user WHERE id = ?", id));
 * }</pre>
 *
 * @param type the primary key's type
 * @param keyOf the primary key of a row
 * @param cacheKey the row's cache key for a primary key
 * @param query loads the row by primary key
 * @param <T> the row type
 * @param <K> the primary key type
 */
public record PrimaryKey<T, K>(
    Class<K> type,
    Function<? super T, ? extends K> keyOf,
    Function<? super K, String> cacheKey,
    BiFunction<? super SqlSession, ? super K, Optional<T>> query) {

  public PrimaryKey {
    requireNonNull(type, "type");
    requireNonNull(keyOf, "keyOf");
    requireNonNull(cacheKey, "cacheKey");
    requireNonNull(query, "query");
  }

  /** A primary key description. */
  public static <T, K> PrimaryKey<T, K> of(
      Class<K> type,
      Function<? super T, ? extends K> keyOf,
      Function<? super K, String> cacheKey,
      BiFunction<? super SqlSession, ? super K, Optional<T>> query) {
    return new PrimaryKey<>(type, keyOf, cacheKey, query);
  }
}
