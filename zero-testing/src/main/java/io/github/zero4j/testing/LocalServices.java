package io.github.zero4j.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * The services this machine runs for tests (started by {@code scripts/test.sh}): Redis on
 * 127.0.0.1:6379, MariaDB on 127.0.0.1:3306 (root, empty password, database {@code test}) and
 * PostgreSQL on 127.0.0.1:5432.
 *
 * <p>A missing service never skips silently: with {@code CI=true} (or {@code
 * -Dzero4j.requireServices=true}) the test fails naming the service and the fix; elsewhere the test
 * is aborted with the same message, so a developer without MariaDB can still run the rest.
 */
public final class LocalServices {
  public static final int REDIS_PORT = 6379;
  public static final int MARIADB_PORT = 3306;
  public static final int POSTGRES_PORT = 5432;

  private LocalServices() {}

  /** {@code 127.0.0.1:6379}, after checking that it answers PING. */
  public static String redis() {
    require(RedisServer.ping(REDIS_PORT), "Redis on 127.0.0.1:" + REDIS_PORT);
    return "127.0.0.1:" + REDIS_PORT;
  }

  /**
   * The JDBC URL of the {@code test} database on the machine's MariaDB (user root, no password).
   */
  public static String mariaDbJdbcUrl() {
    require(FreePorts.isListening(MARIADB_PORT), "MariaDB on 127.0.0.1:" + MARIADB_PORT);
    return "jdbc:mariadb://127.0.0.1:" + MARIADB_PORT + "/test";
  }

  /**
   * The JDBC URL of the {@code test} database on the machine's PostgreSQL (user postgres, trust).
   */
  public static String postgresJdbcUrl() {
    require(FreePorts.isListening(POSTGRES_PORT), "PostgreSQL on 127.0.0.1:" + POSTGRES_PORT);
    return "jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/test";
  }

  /** Whether missing services fail tests instead of aborting them. */
  public static boolean servicesRequired() {
    return "true".equalsIgnoreCase(System.getenv("CI"))
        || Boolean.getBoolean("zero4j.requireServices");
  }

  private static void require(boolean available, String service) {
    if (available) {
      return;
    }
    String message =
        service + " is not reachable: run scripts/test.sh, which installs and starts it";
    if (servicesRequired()) {
      throw new IllegalStateException(message);
    }
    Assumptions.abort(message);
  }
}
