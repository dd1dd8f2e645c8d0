package io.github.zero4j.stores.sql;

import io.github.zero4j.testing.LocalServices;

class SqlConnMariaDbIT extends SqlConnContract {

  @Override
  SqlConf conf() {
    return SqlConf.of(LocalServices.mariaDbJdbcUrl(), "root", "");
  }

  @Override
  String table() {
    return "zs_sql_users_maria";
  }

  @Override
  String createTable() {
    return "CREATE TABLE "
        + table()
        + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(128) NOT NULL UNIQUE,"
        + " email VARCHAR(128) NULL)";
  }

  @Override
  String sleep(double seconds) {
    return "SELECT SLEEP(" + seconds + ")";
  }
}
