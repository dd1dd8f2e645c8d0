package io.github.zero4j.stores.sql;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.Default;
import io.github.zero4j.core.conf.OptionalKey;
import java.time.Duration;

/**
 * Where a {@link SqlConn} connects and how large its pool is: go-zero's {@code SqlConf}, bindable
 * with core's conf binder ({@code DB: {DataSource: ..., User: ..., Pass: ...}}).
 *
 * <pre>{@code
 * SqlConf conf = SqlConf.of("jdbc:mariadb://127.0.0.1:3306/mall", "root", "");
 * }</pre>
 *
 * @param dataSource the JDBC URL ({@code jdbc:mariadb://host:3306/db}, {@code
 *     jdbc:postgresql://host:5432/db}); go-zero's {@code DataSource}
 * @param user the user name, empty to take it from the URL
 * @param pass the password, empty for none
 * @param driverName go-zero's {@code DriverName} ({@code mysql}, {@code postgres}, {@code pgx}):
 *     names the SQL dialect when the URL does not; default {@code mysql}
 * @param maxOpenConns the pool's maximum size; go-zero's {@code maxOpenConns}, default 64
 * @param minIdleConns connections kept open while idle; default 4
 * @param connMaxLifetime how long a connection lives before it is replaced; go-zero's {@code
 *     maxLifetime}, default 1 minute; at least 30 s (HikariCP's floor)
 * @param connectTimeout how long a call waits for a pooled connection; default 3 s
 * @param slowThreshold calls slower than this are logged as slow; go-zero's default 500 ms
 */
public record SqlConf(
    String dataSource,
    @OptionalKey String user,
    @OptionalKey String pass,
    @Default("mysql") String driverName,
    @Default("64") int maxOpenConns,
    @Default("4") int minIdleConns,
    @Default("1m") Duration connMaxLifetime,
    @Default("3s") Duration connectTimeout,
    @Default("500ms") Duration slowThreshold) {

  /** go-zero's {@code maxOpenConns}: {@value}. */
  public static final int DEFAULT_MAX_OPEN_CONNS = 64;

  /** Idle connections kept: {@value}. go-zero keeps up to 64 idle but opens them lazily. */
  public static final int DEFAULT_MIN_IDLE_CONNS = 4;

  /** go-zero's {@code maxLifetime}: one minute. */
  public static final Duration DEFAULT_CONN_MAX_LIFETIME = Duration.ofMinutes(1);

  /** How long to wait for a pooled connection: 3 s (HikariCP's own default is 30 s). */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /** go-zero's {@code defaultSlowThreshold}: 500 ms. */
  public static final Duration DEFAULT_SLOW_THRESHOLD = Duration.ofMillis(500);

  /** HikariCP refuses a shorter {@code maxLifetime}. */
  static final Duration MIN_CONN_MAX_LIFETIME = Duration.ofSeconds(30);

  /** HikariCP refuses a shorter {@code connectionTimeout}. */
  static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(250);

  /** go-zero's default {@code DriverName}. */
  static final String DEFAULT_DRIVER_NAME = "mysql";

  public SqlConf {
    requireNonNull(dataSource, "dataSource");
    requireNonNull(user, "user");
    requireNonNull(pass, "pass");
    requireNonNull(driverName, "driverName");
    requireNonNull(connMaxLifetime, "connMaxLifetime");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(slowThreshold, "slowThreshold");
    if (!dataSource.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "dataSource: " + redact(dataSource) + " (expected: a JDBC URL, jdbc:...)");
    }
    if (maxOpenConns < 1) {
      throw new IllegalArgumentException("maxOpenConns: " + maxOpenConns + " (expected: >= 1)");
    }
    if (minIdleConns < 0 || minIdleConns > maxOpenConns) {
      throw new IllegalArgumentException(
          "minIdleConns: " + minIdleConns + " (expected: 0.." + maxOpenConns + ")");
    }
    if (connMaxLifetime.compareTo(MIN_CONN_MAX_LIFETIME) < 0) {
      throw new IllegalArgumentException(
          "connMaxLifetime: " + connMaxLifetime + " (expected: >= " + MIN_CONN_MAX_LIFETIME + ")");
    }
    if (connectTimeout.compareTo(MIN_CONNECT_TIMEOUT) < 0) {
      throw new IllegalArgumentException(
          "connectTimeout: " + connectTimeout + " (expected: >= " + MIN_CONNECT_TIMEOUT + ")");
    }
    if (slowThreshold.isNegative() || slowThreshold.isZero()) {
      throw new IllegalArgumentException("slowThreshold: " + slowThreshold + " (expected: > 0)");
    }
  }

  /** A configuration with the defaults for everything but the URL and the credentials. */
  public static SqlConf of(String dataSource, String user, String pass) {
    return new SqlConf(
        dataSource,
        user,
        pass,
        DEFAULT_DRIVER_NAME,
        DEFAULT_MAX_OPEN_CONNS,
        DEFAULT_MIN_IDLE_CONNS,
        DEFAULT_CONN_MAX_LIFETIME,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_SLOW_THRESHOLD);
  }

  /** A copy with another pool size. */
  public SqlConf withMaxOpenConns(int maxOpenConns) {
    return new SqlConf(
        dataSource,
        user,
        pass,
        driverName,
        maxOpenConns,
        Math.min(minIdleConns, maxOpenConns),
        connMaxLifetime,
        connectTimeout,
        slowThreshold);
  }

  /** A copy with another slow-call threshold. */
  public SqlConf withSlowThreshold(Duration slowThreshold) {
    return new SqlConf(
        dataSource,
        user,
        pass,
        driverName,
        maxOpenConns,
        minIdleConns,
        connMaxLifetime,
        connectTimeout,
        slowThreshold);
  }

  /** The URL without its query string (which may carry a password), for logs and names. */
  String target() {
    return redact(dataSource);
  }

  @Override
  public String toString() {
    return "SqlConf[dataSource="
        + target()
        + ", user="
        + user
        + ", pass=***, driverName="
        + driverName
        + ", maxOpenConns="
        + maxOpenConns
        + ", minIdleConns="
        + minIdleConns
        + ", connMaxLifetime="
        + connMaxLifetime
        + ", connectTimeout="
        + connectTimeout
        + ", slowThreshold="
        + slowThreshold
        + "]";
  }

  private static String redact(String url) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    int at = base.lastIndexOf('@');
    int scheme = base.indexOf("//");
    if (at > 0 && scheme >= 0 && at > scheme) {
      base = base.substring(0, scheme + 2) + base.substring(at + 1);
    }
    return base;
  }
}
