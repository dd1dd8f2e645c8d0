package io.github.zero4j.stores.redis;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.breaker.Breaker;
import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Redis}. Every setter validates its argument at once. A builder is not
 * thread-safe; the clients it builds are.
 */
public final class RedisBuilder {

  /** go-zero's {@code defaultSlowThreshold}: commands slower than 100 ms are logged. */
  public static final Duration DEFAULT_SLOW_THRESHOLD = Duration.ofMillis(100);

  /**
   * go-zero's {@code readWriteTimeout}, 2 s: a command without a reply by then fails with a timeout
   * (a breaker failure). Also the connect timeout.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /**
   * The longest pause between two reconnection attempts after the connection is lost: {@value
   * #DEFAULT_MAX_RECONNECT_DELAY_MILLIS} ms (attempts start at 1 ms and double). Lettuce's own
   * default grows to 30 s, which would keep a client down for up to half a minute after Redis came
   * back; go-redis dials again on the next command.
   */
  public static final long DEFAULT_MAX_RECONNECT_DELAY_MILLIS = 250;

  private final RedisConf conf;
  private @Nullable Breaker breaker;
  private Duration slowThreshold = DEFAULT_SLOW_THRESHOLD;
  private Duration timeout = DEFAULT_TIMEOUT;
  private Duration maxReconnectDelay = Duration.ofMillis(DEFAULT_MAX_RECONNECT_DELAY_MILLIS);
  private ZeroMeters meters = ZeroMeters.global();
  private Ticker ticker = Ticker.system();

  RedisBuilder(RedisConf conf) {
    this.conf = requireNonNull(conf, "conf");
  }

  /**
   * The circuit breaker every wrapped command goes through; by default a new go-zero breaker named
   * {@code redis://<host>} for each client. {@link Breaker#noop()} turns it off.
   */
  public RedisBuilder breaker(Breaker breaker) {
    this.breaker = requireNonNull(breaker, "breaker");
    return this;
  }

  /** Commands slower than this are logged at WARN; {@link #DEFAULT_SLOW_THRESHOLD} by default. */
  public RedisBuilder slowThreshold(Duration slowThreshold) {
    this.slowThreshold = positive(slowThreshold, "slowThreshold");
    return this;
  }

  /** Command and connect timeout; {@link #DEFAULT_TIMEOUT} by default. */
  public RedisBuilder timeout(Duration timeout) {
    this.timeout = positive(timeout, "timeout");
    return this;
  }

  /**
   * The cap of the exponential pause between reconnection attempts; {@value
   * #DEFAULT_MAX_RECONNECT_DELAY_MILLIS} ms by default.
   */
  public RedisBuilder maxReconnectDelay(Duration maxReconnectDelay) {
    this.maxReconnectDelay = positive(maxReconnectDelay, "maxReconnectDelay");
    return this;
  }

  /** Where metrics go; {@link ZeroMeters#global()} by default. */
  public RedisBuilder meters(ZeroMeters meters) {
    this.meters = requireNonNull(meters, "meters");
    return this;
  }

  /** The clock that times commands; {@link Ticker#system()} by default. */
  public RedisBuilder ticker(Ticker ticker) {
    this.ticker = requireNonNull(ticker, "ticker");
    return this;
  }

  /**
   * Builds the client. With {@code NonBlock: true} (the default) it returns at once and connects in
   * the background; with {@code NonBlock: false} it connects and PINGs first.
   *
   * @throws RedisException if {@code NonBlock} is false and Redis does not answer the PING within
   *     {@code PingTimeout}
   */
  public Redis build() {
    Breaker actual =
        breaker != null ? breaker : Breaker.builder().name("redis://" + conf.host()).build();
    CommandObserver observer = new CommandObserver(meters, slowThreshold);
    Connector connector = Connector.create(conf, timeout, maxReconnectDelay);
    LettuceRedis redis = new LettuceRedis(conf, connector, actual, observer, ticker);
    if (!conf.nonBlock()) {
      redis.connectAndPing(conf.pingTimeout());
    } else {
      connector.connect();
    }
    return redis;
  }

  private static Duration positive(Duration d, String name) {
    requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
    }
    return d;
  }
}
