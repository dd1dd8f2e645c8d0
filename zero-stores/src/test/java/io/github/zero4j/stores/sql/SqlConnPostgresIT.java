package io.github.zero4j.stores.sql;

import io.github.zero4j.testing.LocalServices;

class SqlConnPostgresIT extends SqlConnContract {

  @Override
  SqlConf conf() {
    return SqlConf.of(LocalServices.postgresJdbcUrl(), "postgres", "");
  }

  @Override
  String table() {
    return "zs_sql_users_pg";
  }

  @Override
  String createTable() {
    return "CREATE TABLE "
        + table()
        + " (id BIGSERIAL PRIMARY KEY, name VARCHAR(128) NOT NULL UNIQUE, email VARCHAR(128) NULL)";
  }

  @Override
  String sleep(double seconds) {
    return "SELECT pg_sleep(" + seconds + ")";
  }
}
