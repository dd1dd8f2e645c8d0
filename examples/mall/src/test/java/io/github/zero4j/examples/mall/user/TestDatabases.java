package io.github.zero4j.examples.mall.user;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The ITs' own MariaDB databases, recreated empty by each test class. */
final class TestDatabases {
  static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

  private TestDatabases() {}

  /** Drops and creates {@code name}; returns its JDBC URL. */
  static String recreate(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER, "root", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
    return SERVER + name;
  }

  /** Runs {@code sql} on database {@code url}; returns the update count. */
  static int exec(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "root", "");
        Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }
}
