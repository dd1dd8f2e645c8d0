package io.github.zero4j.stores.cache;

/**
 * The cache store failed. On a read ({@code get}, {@code take}) this means the value could not be
 * looked up and <b>the database was not queried</b>: go-zero's fail-fast rule, so a Redis outage
 * does not pass its load on to the databases behind it. The message names the node and the key.
 */
public class CacheException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the store's failure as its cause. */
  public CacheException(String message, Throwable cause) {
    super(message, cause);
  }
}
