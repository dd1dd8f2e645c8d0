package io.github.zero4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Smoke tests of every launcher and of the machine's services, against the real servers. */
class LaunchersIT {

  @Test
  void privateRedis_answersPing_andComesBackAfterKill() {
    try (RedisServer redis = RedisServer.create().start()) {
      assertThat(RedisServer.ping(redis.port())).isTrue();
      redis.kill();
      assertThat(RedisServer.ping(redis.port())).isFalse();
      redis.restart();
      assertThat(RedisServer.ping(redis.port())).isTrue();
    }
  }

  @Test
  void localRedis_answersPing() {
    String hostAndPort = LocalServices.redis();
    assertThat(hostAndPort).isEqualTo("127.0.0.1:6379");
    assertThat(RedisServer.ping(LocalServices.REDIS_PORT)).isTrue();
  }

  @Test
  void localMariaDb_runsAQuery() throws Exception {
    try (Connection c = DriverManager.getConnection(LocalServices.mariaDbJdbcUrl(), "root", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT VERSION(), DATABASE()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).containsIgnoringCase("mariadb");
      assertThat(rs.getString(2)).isEqualTo("test");
    }
  }

  @Test
  void etcd_putsAndReadsAKey_throughItsGateway() throws Exception {
    try (EtcdServer etcd = EtcdServer.create().start()) {
      HttpClient http = HttpClient.newHttpClient();
      String key = b64("zero4j/smoke");
      String value = b64("127.0.0.1:8080");
      HttpResponse<String> put =
          http.send(
              post(etcd, "/v3/kv/put", "{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}"),
              HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).isEqualTo(200);

      etcd.kill();
      etcd.restart();

      HttpResponse<String> range =
          http.send(
              post(etcd, "/v3/kv/range", "{\"key\":\"" + key + "\"}"),
              HttpResponse.BodyHandlers.ofString());
      assertThat(range.body()).contains("\"value\":\"" + value + "\"");
    }
  }

  @Test
  void redisCluster_formsWithThreeMasters() {
    try (RedisCluster cluster = RedisCluster.create(3).start()) {
      assertThat(cluster.nodes()).hasSize(3).allMatch(RedisServer::isRunning);
      assertThat(cluster.hosts().split(",")).hasSize(3);
    }
  }

  private static HttpRequest post(EtcdServer etcd, String path, String json) {
    return HttpRequest.newBuilder(URI.create(etcd.endpoint() + path))
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json")
        .build();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
