package io.github.zero4j.core.sync;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value fetched lazily on first use and kept forever once a fetch succeeds; after a failed fetch,
 * callers get the failure without a new attempt until the refresh interval has passed. go-zero's
 * {@code syncx.ImmutableResource}.
 *
 * <pre>{@code
 * ImmutableResource<DataSource> pool = ImmutableResource.builder(() -> createPool(conf))
 *     .refreshIntervalOnFailure(Duration.ofSeconds(5))
 *     .build();
 * DataSource ds = pool.get();
 * }</pre>
 *
 * <p>A fetch runs in the calling thread; callers arriving while it runs wait for it (go-zero lets
 * them through with an empty result). The caller whose fetch failed gets the fetch's own exception;
 * callers within the refresh interval after it get a {@link ResourceUnavailableException} whose
 * cause is that exception. A new attempt is allowed once more than the interval has passed since
 * the failed attempt started; an interval of zero retries on every call. A fetch returning {@code
 * null} counts as a failure. Thread-safe; the cached path is one volatile read.
 *
 * @param <T> the resource type
 */
public interface ImmutableResource<T> {

  /** go-zero's {@code defaultRefreshInterval}: 1 s between fetch attempts after a failure. */
  Duration DEFAULT_REFRESH_INTERVAL_ON_FAILURE = Duration.ofSeconds(1);

  /** A resource fetched by {@code fetch} with the default refresh interval and system ticker. */
  static <T> ImmutableResource<T> of(Supplier<? extends T> fetch) {
    return ImmutableResource.<T>builder(fetch).build();
  }

  /** Starts configuring a resource fetched by {@code fetch}. */
  static <T> Builder<T> builder(Supplier<? extends T> fetch) {
    return new Builder<>(fetch);
  }

  /**
   * The resource, fetching it first if no fetch has succeeded yet.
   *
   * @throws ResourceUnavailableException if the last fetch failed less than the refresh interval
   *     ago
   * @throws WaitInterruptedException if interrupted while waiting for another caller's fetch
   */
  T get();

  /** Configures an {@link ImmutableResource}. Not thread-safe. */
  final class Builder<T> {
    private final Supplier<? extends T> fetch;
    private Duration refreshIntervalOnFailure = DEFAULT_REFRESH_INTERVAL_ON_FAILURE;
    private Ticker ticker = Ticker.system();

    Builder(Supplier<? extends T> fetch) {
      this.fetch = requireNonNull(fetch, "fetch");
    }

    /**
     * How long to wait after a failed fetch attempt before trying again (default 1 s, {@link
     * ImmutableResource#DEFAULT_REFRESH_INTERVAL_ON_FAILURE}); zero retries on every call.
     * go-zero's {@code WithRefreshIntervalOnFailure}.
     */
    public Builder<T> refreshIntervalOnFailure(Duration interval) {
      requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException(
            "refreshIntervalOnFailure: " + interval + " (expected: >= 0)");
      }
      this.refreshIntervalOnFailure = interval;
      return this;
    }

    /** The time source for the refresh interval (default {@link Ticker#system()}). */
    public Builder<T> ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    public ImmutableResource<T> build() {
      return new DefaultImmutableResource<>(fetch, refreshIntervalOnFailure, ticker);
    }
  }
}
