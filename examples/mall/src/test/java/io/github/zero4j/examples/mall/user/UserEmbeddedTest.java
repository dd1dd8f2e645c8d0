package io.github.zero4j.examples.mall.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.core.conf.Conf;
import io.github.zero4j.core.conf.Format;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.examples.mall.proto.CreateUserReq;
import io.github.zero4j.examples.mall.proto.GetUserReq;
import io.github.zero4j.examples.mall.proto.UpdateUserReq;
import io.github.zero4j.examples.mall.rpc.UnaryClient;
import io.github.zero4j.rpc.RpcClient;
import io.github.zero4j.rpc.RpcClientConf;
import io.github.zero4j.rpc.RpcServerConf;
import io.github.zero4j.stores.sql.SqlConf;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedded shape: two user-rpc instances on one H2 database (MySQL mode, as the embedded YAML)
 * with the process's in-process cache, and a user-api with in-process limiters. Needs nothing
 * running.
 */
class UserEmbeddedTest {
  /** Generous: the shared test machine is slow, and a first call pays for H2 and the JIT. */
  private static final Duration SLOW = Duration.ofSeconds(15);

  private static final String H2 =
      "jdbc:h2:mem:mall_user_test;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";

  private static UserRpc startRpc() {
    SqlConf sql =
        Conf.load(
            "DataSource: \"" + H2 + "\"\nDriverName: h2\nUser: sa\n", Format.YAML, SqlConf.class);
    return UserRpc.start(
        new UserRpcConf(RpcServerConf.of("127.0.0.1:0").withTimeout(SLOW), sql, List.of(), 4),
        Wiring.standalone());
  }

  @Test
  void instancesShareTheDatabaseAndTheInProcessCache() {
    try (UserRpc a = startRpc();
        UserRpc b = startRpc();
        RpcClient clientA =
            RpcClient.create(RpcClientConf.ofEndpoints(List.of(a.address())).withTimeout(SLOW));
        RpcClient clientB =
            RpcClient.create(RpcClientConf.ofEndpoints(List.of(b.address())).withTimeout(SLOW))) {
      UnaryClient viaA = UnaryClient.of(clientA.channel());
      UnaryClient viaB = UnaryClient.of(clientB.channel());
      CreateUserReq create =
          CreateUserReq.newBuilder().setMobile("13700000001").setPassword("secret1").build();
      long id = viaA.call(UserMethods.CREATE_USER, create).getUserId();
      GetUserReq get = GetUserReq.newBuilder().setUserId(id).build();
      assertThat(viaB.call(UserMethods.GET_USER, get).getMobile()).isEqualTo("13700000001");

      viaA.call(
          UserMethods.UPDATE_USER,
          UpdateUserReq.newBuilder().setUserId(id).setNickname("bob").build());

      assertThat(viaB.call(UserMethods.GET_USER, get).getNickname())
          .as("B's cached row was deleted by A's update")
          .isEqualTo("bob");
      assertThatThrownBy(() -> viaB.call(UserMethods.CREATE_USER, create))
          .as("H2's duplicate key is 2002 too")
          .isInstanceOfSatisfying(
              BizException.class, e -> assertThat(e.code()).isEqualTo(BizCode.USER_ALREADY_EXIST));
    }
  }

  @Test
  void inProcessLimitersAnswer429() throws Exception {
    try (UserRpc rpc = startRpc()) {
      String yaml =
          """
          Name: user-api-embedded-test
          Host: 127.0.0.1
          Port: 0
          Timeout: 15000
          Auth:
            AccessSecret: embedded-test-secret
            AccessExpire: 3600
          UserRpc:
            Endpoints: [%s]
            Timeout: 15000
          RegisterLimit:
            Rate: 1
            Burst: 3
          LoginLimit:
            Period: 60
            Quota: 2
          """
              .formatted(rpc.address());
      try (UserApi api =
          UserApi.start(Conf.load(yaml, Format.YAML, UserApiConf.class), Wiring.standalone())) {
        HttpClient http = HttpClient.newHttpClient();
        String register =
            "{\"mobile\":\"13700000002\",\"password\":\"secret1\",\"code\":\"123456\"}";
        JsonNode first = post(http, api, "/api/v1/user/register", register, 200);
        assertThat(first.get("code").asInt()).as(first.toString()).isZero();

        String login = "{\"mobile\":\"13700000002\",\"password\":\"secret1\"}";
        post(http, api, "/api/v1/user/login", login, 200);
        post(http, api, "/api/v1/user/login", login, 200);
        JsonNode refused = post(http, api, "/api/v1/user/login", login, 429);
        assertThat(refused.get("code").asInt()).isEqualTo(1008);

        String malformed = "{\"mobile\":\"0\",\"password\":\"secret1\",\"code\":\"123456\"}";
        int status = 200;
        for (int i = 0; i < 20 && status != 429; i++) {
          status = send(http, api, "/api/v1/user/register", malformed).statusCode();
        }
        assertThat(status).as("burst 3 at 1/s").isEqualTo(429);
      }
    }
  }

  private static HttpResponse<String> send(HttpClient http, UserApi api, String path, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(api.address() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode post(HttpClient http, UserApi api, String path, String body, int status)
      throws Exception {
    HttpResponse<String> response = send(http, api, path, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return new ObjectMapper().readTree(response.body());
  }
}
