package io.github.zero4j.stores.sql;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.timex.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link SqlConn}. Not thread-safe; the connections it builds are.
 *
 * <pre>{@code
 * SqlConn db = SqlConn.builder(conf).breaker(Breaker.of("user-db")).meterRegistry(registry).build();
 * }</pre>
 */
public final class SqlConnBuilder {
  private final SqlConf conf;
  private @Nullable Breaker breaker;
  private MeterRegistry meterRegistry = Metrics.globalRegistry;
  private Ticker ticker = Ticker.system();

  SqlConnBuilder(SqlConf conf) {
    this.conf = requireNonNull(conf, "conf");
  }

  /**
   * The breaker every call goes through; by default a new one per SqlConn (go-zero's {@code
   * NewBreaker()}) named {@code sql:<URL without query>}. {@link Breaker#noop()} switches it off.
   */
  public SqlConnBuilder breaker(Breaker breaker) {
    this.breaker = requireNonNull(breaker, "breaker");
    return this;
  }

  /** Where the {@code sql_client_requests_*} meters go; the global registry by default. */
  public SqlConnBuilder meterRegistry(MeterRegistry meterRegistry) {
    this.meterRegistry = requireNonNull(meterRegistry, "meterRegistry");
    return this;
  }

  /** The clock that times calls for the slow log and the histogram; {@link Ticker#system()}. */
  public SqlConnBuilder ticker(Ticker ticker) {
    this.ticker = requireNonNull(ticker, "ticker");
    return this;
  }

  /**
   * Builds the SqlConn. The pool connects lazily: an unreachable database fails the first call, not
   * the build (as go-zero's {@code NewSqlConn}).
   */
  public SqlConn build() {
    Breaker b = breaker != null ? breaker : Breaker.of("sql:" + conf.target());
    return JdbiSqlConn.open(conf, b, new SqlMetrics(meterRegistry, conf.slowThreshold()), ticker);
  }
}
