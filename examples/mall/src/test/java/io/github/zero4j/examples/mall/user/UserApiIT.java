package io.github.zero4j.examples.mall.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.core.conf.Conf;
import io.github.zero4j.core.conf.Format;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.rpc.RpcServerConf;
import io.github.zero4j.stores.cache.CacheNodeConf;
import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.github.zero4j.stores.sql.SqlConf;
import io.github.zero4j.testing.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * user-api over HTTP, in front of a user-rpc on MariaDB ({@code mall_it_user_api}), with Redis
 * limiters on a private Redis. The register burst runs last: it empties the register bucket.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserApiIT {
  @RegisterExtension static final RedisServer redisServer = RedisServer.create();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final AtomicInteger MOBILES = new AtomicInteger();

  private static UserRpc rpc;
  private static UserApi api;
  private static Redis redis;

  @BeforeAll
  static void start() throws Exception {
    String url = TestDatabases.recreate("mall_it_user_api");
    rpc =
        UserRpc.start(
            new UserRpcConf(
                RpcServerConf.of("127.0.0.1:0").withTimeout(Duration.ofSeconds(15)),
                SqlConf.of(url, "root", ""),
                List.of(CacheNodeConf.of(redisServer.hostAndPort())),
                4),
            Wiring.standalone());
    String yaml =
        """
        Name: user-api-it
        Host: 127.0.0.1
        Port: 0
        Timeout: 15000
        Auth:
          AccessSecret: user-api-it-secret
          AccessExpire: 3600
        UserRpc:
          Endpoints: [%s]
          Timeout: 15000
        Redis:
          Host: %s
        RegisterLimit:
          Rate: 2
          Burst: 10
        LoginLimit:
          Period: 60
          Quota: 5
        """
            .formatted(rpc.address(), redisServer.hostAndPort());
    api = UserApi.start(Conf.load(yaml, Format.YAML, UserApiConf.class), Wiring.standalone());
    redis = Redis.create(RedisConf.node(redisServer.hostAndPort()));
  }

  @AfterAll
  static void stop() {
    redis.close();
    api.close();
    rpc.close();
  }

  private static String newMobile() {
    return String.format("1390000%04d", MOBILES.incrementAndGet());
  }

  private static HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.address() + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (!body.isEmpty()) {
      request.header("Content-Type", "application/json");
    }
    if (!token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static JsonNode register(String mobile, String password) throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/v1/user/register",
            "{\"mobile\":\"%s\",\"password\":\"%s\",\"code\":\"123456\"}"
                .formatted(mobile, password),
            "");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private static HttpResponse<String> login(String mobile, String password) throws Exception {
    return send(
        "POST",
        "/api/v1/user/login",
        "{\"mobile\":\"%s\",\"password\":\"%s\"}".formatted(mobile, password),
        "");
  }

  @Test
  @Order(1)
  void registerLoginReadAndUpdate() throws Exception {
    String mobile = newMobile();
    JsonNode registered = register(mobile, "secret1");
    assertThat(registered.get("code").asInt()).as(registered.toString()).isZero();
    long userId = registered.at("/data/userId").asLong();
    assertThat(userId).isPositive();
    assertThat(registered.at("/data/token").asText()).isNotBlank();

    JsonNode loggedIn = json(login(mobile, "secret1"));
    assertThat(loggedIn.get("code").asInt()).isZero();
    assertThat(loggedIn.at("/data/userId").asLong()).isEqualTo(userId);
    String token = loggedIn.at("/data/token").asText();

    JsonNode user = json(send("GET", "/api/v1/user/" + userId, "", token));
    assertThat(user.get("code").asInt()).as(user.toString()).isZero();
    assertThat(user.at("/data/userId").asLong()).isEqualTo(userId);
    assertThat(user.at("/data/mobile").asText()).isEqualTo(mobile);
    assertThat(user.at("/data/level").asInt()).isEqualTo(1);
    assertThat(user.get("data").has("password")).isFalse();
    assertThat(user.toString()).doesNotContain("$2a$");

    JsonNode updated =
        json(
            send("PUT", "/api/v1/user/info", "{\"nickname\":\"ann\",\"avatar\":\"a.png\"}", token));
    assertThat(updated.get("code").asInt()).as(updated.toString()).isZero();
    JsonNode after = json(send("GET", "/api/v1/user/" + userId, "", token));
    assertThat(after.at("/data/nickname").asText()).isEqualTo("ann");
    assertThat(after.at("/data/avatar").asText()).isEqualTo("a.png");
  }

  @Test
  @Order(2)
  void businessErrorsAnswer200WithTheirCode() throws Exception {
    String mobile = newMobile();
    register(mobile, "secret1");

    JsonNode duplicate = register(mobile, "secret1");
    assertThat(duplicate.get("code").asInt()).isEqualTo(2002);

    JsonNode wrongPassword = json(login(mobile, "wrong-password"));
    assertThat(wrongPassword.get("code").asInt()).isEqualTo(2003);
    assertThat(wrongPassword.get("message").asText()).isEqualTo("密码错误");

    JsonNode unknown = json(login(newMobile(), "secret1"));
    assertThat(unknown.get("code").asInt()).isEqualTo(2001);

    JsonNode badMobile = register("2380000000", "secret1");
    assertThat(badMobile.get("code").asInt()).isEqualTo(2004);
    assertThat(badMobile.get("message").asText()).isEqualTo("手机号格式错误");

    HttpResponse<String> badCode =
        send(
            "POST",
            "/api/v1/user/register",
            "{\"mobile\":\"%s\",\"password\":\"secret1\",\"code\":\"12ab56\"}"
                .formatted(newMobile()),
            "");
    assertThat(badCode.statusCode()).isEqualTo(200);
    assertThat(json(badCode).get("code").asInt()).isEqualTo(1002);
    assertThat(json(badCode).get("message").asText()).contains("code");
  }

  @Test
  @Order(3)
  void withoutATokenTheProfileIs401WithTheEnvelope() throws Exception {
    HttpResponse<String> response = send("GET", "/api/v1/user/1", "", "");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).get("code").asInt()).isEqualTo(1003);

    HttpResponse<String> forged = send("GET", "/api/v1/user/1", "", "not.a.token");
    assertThat(forged.statusCode()).isEqualTo(401);
  }

  @Test
  @Order(4)
  void theSixthLoginOfAMobileInAMinuteIs429() throws Exception {
    String mobile = newMobile();
    register(mobile, "secret1");

    for (int i = 1; i <= 5; i++) {
      HttpResponse<String> response = login(mobile, i == 5 ? "secret1" : "wrong-password");
      assertThat(response.statusCode()).as("attempt %d", i).isEqualTo(200);
    }
    HttpResponse<String> sixth = login(mobile, "secret1");

    assertThat(sixth.statusCode()).isEqualTo(429);
    assertThat(json(sixth).get("code").asInt()).isEqualTo(1008);
    assertThat(json(sixth).get("message").asText()).isEqualTo("请求过于频繁,请稍后重试");
    assertThat(login(newMobile(), "secret1").statusCode())
        .as("another mobile has its own window")
        .isEqualTo(200);
    assertThat(redis.exists(UserApi.LOGIN_LIMIT_PREFIX + mobile)).isTrue();
  }

  @Test
  @Order(5)
  void probesReportTheDependencies() throws Exception {
    HttpResponse<String> health = send("GET", "/health", "", "");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).get("status").asText()).isEqualTo("UP");

    HttpResponse<String> ready = send("GET", "/ready", "", "");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    assertThat(json(ready).at("/checks/user-rpc").asText()).isEqualTo("UP");
    assertThat(json(ready).at("/checks/redis").asText()).isEqualTo("UP");
  }

  @Test
  @Order(6)
  void aRegisterBurstIsRefusedWith429() throws Exception {
    HttpResponse<String> refused = firstRefusedRegister(40);

    assertThat(json(refused).get("code").asInt()).isEqualTo(1008);
    assertThat(json(refused).get("message").asText()).isEqualTo("请求过于频繁,请稍后重试");
    assertThat(redis.exists("{" + UserApi.REGISTER_LIMIT_KEY + "}.tokens")).isTrue();
  }

  /** Sends up to {@code attempts} registers (malformed: admitted ones answer 2004). */
  private static HttpResponse<String> firstRefusedRegister(int attempts) throws Exception {
    for (int i = 0; i < attempts; i++) {
      HttpResponse<String> response =
          send(
              "POST",
              "/api/v1/user/register",
              "{\"mobile\":\"0\",\"password\":\"secret1\",\"code\":\"123456\"}",
              "");
      if (response.statusCode() == 429) {
        return response;
      }
      assertThat(json(response).get("code").asInt()).as("admitted: checked").isEqualTo(2004);
    }
    throw new AssertionError("no 429 within " + attempts + " registers at rate 2, burst 10");
  }
}
