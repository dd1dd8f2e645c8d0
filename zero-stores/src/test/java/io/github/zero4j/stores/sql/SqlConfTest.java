package io.github.zero4j.stores.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.conf.Conf;
import io.github.zero4j.core.conf.ConfigException;
import io.github.zero4j.core.conf.Format;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SqlConfTest {
  record AppConf(SqlConf db) {}

  @Test
  void bindsGoZeroStyleKeysWithDefaults() {
    AppConf conf =
        Conf.load(
            "Db:\n  DataSource: jdbc:mariadb://127.0.0.1:3306/mall\n  User: root\n",
            Format.YAML,
            AppConf.class);

    SqlConf db = conf.db();
    assertThat(db.dataSource()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/mall");
    assertThat(db.user()).isEqualTo("root");
    assertThat(db.pass()).isEmpty();
    assertThat(db.driverName()).isEqualTo("mysql");
    assertThat(db.maxOpenConns()).isEqualTo(SqlConf.DEFAULT_MAX_OPEN_CONNS);
    assertThat(db.connMaxLifetime()).isEqualTo(Duration.ofMinutes(1));
    assertThat(db.slowThreshold()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void bindsOverrides() {
    AppConf conf =
        Conf.load(
            "Db:\n  DataSource: jdbc:postgresql://h/db\n  Pass: s3cret\n  MaxOpenConns: 8\n"
                + "  SlowThreshold: 200ms\n",
            Format.YAML,
            AppConf.class);

    assertThat(conf.db().maxOpenConns()).isEqualTo(8);
    assertThat(conf.db().slowThreshold()).isEqualTo(Duration.ofMillis(200));
    assertThat(conf.db().toString()).doesNotContain("s3cret");
  }

  @Test
  void rejectsNonJdbcDataSource() {
    assertThatThrownBy(
            () ->
                Conf.load(
                    "Db:\n  DataSource: root:pw@tcp(127.0.0.1:3306)/mall\n",
                    Format.YAML,
                    AppConf.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected: a JDBC URL");
  }

  @Test
  void validatesPoolSettings() {
    SqlConf base = SqlConf.of("jdbc:mariadb://h/db", "u", "");

    assertThatThrownBy(() -> base.withMaxOpenConns(0))
        .hasMessage("maxOpenConns: 0 (expected: >= 1)");
    assertThatThrownBy(() -> base.withSlowThreshold(Duration.ZERO))
        .hasMessage("slowThreshold: PT0S (expected: > 0)");
    assertThat(base.withMaxOpenConns(2).minIdleConns()).isEqualTo(2);
  }

  @Test
  void targetHidesCredentialsAndQuery() {
    SqlConf conf = SqlConf.of("jdbc:postgresql://u:pw@h:5432/db?password=x", "", "");

    assertThat(conf.target()).isEqualTo("jdbc:postgresql://h:5432/db");
  }
}
