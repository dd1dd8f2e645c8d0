package io.github.zero4j.examples.mall.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.examples.mall.proto.CreateUserReq;
import io.github.zero4j.examples.mall.proto.GetUserByMobileReq;
import io.github.zero4j.examples.mall.proto.GetUserReq;
import io.github.zero4j.examples.mall.proto.GetUserResp;
import io.github.zero4j.examples.mall.proto.LoginReq;
import io.github.zero4j.examples.mall.proto.UpdateUserReq;
import io.github.zero4j.examples.mall.rpc.UnaryClient;
import io.github.zero4j.rpc.RpcClient;
import io.github.zero4j.rpc.RpcClientConf;
import io.github.zero4j.rpc.RpcServerConf;
import io.github.zero4j.stores.cache.CacheNodeConf;
import io.github.zero4j.stores.redis.Redis;
import io.github.zero4j.stores.redis.RedisConf;
import io.github.zero4j.stores.sql.SqlConf;
import io.github.zero4j.testing.RedisServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** user-rpc over loopback gRPC, on MariaDB ({@code mall_it_user}) and a private Redis. */
class UserRpcIT {
  @RegisterExtension static final RedisServer redisServer = RedisServer.create();

  /** Generous: the shared test machine is slow. */
  private static final Duration SLOW = Duration.ofSeconds(15);

  private static final AtomicInteger MOBILES = new AtomicInteger();

  private static String url;
  private static UserRpc rpc;
  private static RpcClient client;
  private static UnaryClient users;
  private static Redis redis;

  @BeforeAll
  static void start() throws Exception {
    url = TestDatabases.recreate("mall_it_user");
    UserRpcConf conf =
        new UserRpcConf(
            RpcServerConf.of("127.0.0.1:0").withName("user-rpc-it").withTimeout(SLOW),
            SqlConf.of(url, "root", ""),
            List.of(CacheNodeConf.of(redisServer.hostAndPort())),
            4);
    rpc = UserRpc.start(conf, Wiring.standalone());
    client = RpcClient.create(RpcClientConf.ofEndpoints(List.of(rpc.address())).withTimeout(SLOW));
    users = UnaryClient.of(client.channel());
    redis = Redis.create(RedisConf.node(redisServer.hostAndPort()));
  }

  @AfterAll
  static void stop() {
    redis.close();
    client.close();
    rpc.close();
  }

  private static String newMobile() {
    return String.format("1380000%04d", MOBILES.incrementAndGet());
  }

  private static long create(String mobile, String password) {
    return users
        .call(
            UserMethods.CREATE_USER,
            CreateUserReq.newBuilder().setMobile(mobile).setPassword(password).build())
        .getUserId();
  }

  private static GetUserResp get(long id) {
    return users.call(UserMethods.GET_USER, GetUserReq.newBuilder().setUserId(id).build());
  }

  private static BizCode codeOf(Throwable e) {
    return ((BizException) e).code();
  }

  @Test
  void createsAUserWithADefaultNicknameAndLevel() {
    String mobile = newMobile();
    long id = create(mobile, "secret1");

    GetUserResp user = get(id);

    assertThat(id).isPositive();
    assertThat(user.getUserId()).isEqualTo(id);
    assertThat(user.getMobile()).isEqualTo(mobile);
    assertThat(user.getNickname()).isEqualTo("用户" + mobile.substring(7));
    assertThat(user.getLevel()).isEqualTo(1);
    assertThat(user.getCreatedAt()).isPositive();
  }

  @Test
  void aDuplicateMobileIs2002AcrossTheGrpcHop() {
    String mobile = newMobile();
    create(mobile, "secret1");

    assertThatThrownBy(() -> create(mobile, "other-secret"))
        .isInstanceOf(BizException.class)
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(BizCode.USER_ALREADY_EXIST));
  }

  @Test
  void loginChecksThePasswordAgainstTheStoredHash() throws Exception {
    String mobile = newMobile();
    long id = create(mobile, "secret1");

    GetUserResp ok =
        users.call(
            UserMethods.LOGIN,
            LoginReq.newBuilder().setMobile(mobile).setPassword("secret1").build());
    assertThat(ok.getUserId()).isEqualTo(id);

    assertThatThrownBy(
            () ->
                users.call(
                    UserMethods.LOGIN,
                    LoginReq.newBuilder().setMobile(mobile).setPassword("secret2").build()))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(BizCode.PASSWORD_ERROR));
    assertThatThrownBy(
            () ->
                users.call(
                    UserMethods.LOGIN,
                    LoginReq.newBuilder().setMobile(newMobile()).setPassword("secret1").build()))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(BizCode.USER_NOT_EXIST));

    String hash = passwordHash(id);
    assertThat(hash).startsWith("$2a$04$").doesNotContain("secret1");
    assertThat(ok.toString()).doesNotContain(hash).doesNotContain("$2a$");
    assertThat(GetUserResp.getDescriptor().getFields())
        .noneMatch(f -> f.getName().contains("password"));
  }

  @Test
  void aMissingUserIs2001() {
    assertThatThrownBy(() -> get(987_654_321L))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(BizCode.USER_NOT_EXIST));
  }

  @Test
  void theSecondReadIsServedFromTheCache() throws Exception {
    long id = create(newMobile(), "secret1");
    String key = "cache:user:id:" + id;
    assertThat(redis.exists(key)).as("not read yet").isFalse();

    GetUserResp first = get(id);
    assertThat(redis.exists(key)).as("cached by the first read").isTrue();

    TestDatabases.exec(url, "UPDATE mall_user SET nickname = 'behind-the-cache' WHERE id = " + id);
    GetUserResp second = get(id);

    assertThat(second.getNickname()).isEqualTo(first.getNickname());
  }

  @Test
  void updateDeletesBothKeysAfterTheWrite() {
    String mobile = newMobile();
    long id = create(mobile, "secret1");
    get(id);
    users.call(
        UserMethods.GET_USER_BY_MOBILE, GetUserByMobileReq.newBuilder().setMobile(mobile).build());
    String idKey = "cache:user:id:" + id;
    String mobileKey = "cache:user:mobile:" + mobile;
    assertThat(redis.exists(idKey)).isTrue();
    assertThat(redis.get(mobileKey)).contains(Long.toString(id));

    boolean success =
        users
            .call(
                UserMethods.UPDATE_USER,
                UpdateUserReq.newBuilder().setUserId(id).setNickname("ann").build())
            .getSuccess();

    assertThat(success).isTrue();
    assertThat(redis.exists(idKey)).isFalse();
    assertThat(redis.exists(mobileKey)).isFalse();
    GetUserResp updated = get(id);
    assertThat(updated.getNickname()).isEqualTo("ann");
    assertThat(updated.getAvatar()).as("an empty field is kept").isEmpty();
    users.call(
        UserMethods.UPDATE_USER,
        UpdateUserReq.newBuilder().setUserId(id).setAvatar("https://img/a.png").build());
    assertThat(get(id).getNickname()).isEqualTo("ann");
    assertThat(get(id).getAvatar()).isEqualTo("https://img/a.png");
  }

  @Test
  void updatingAMissingUserIs2001() {
    assertThatThrownBy(
            () ->
                users.call(
                    UserMethods.UPDATE_USER,
                    UpdateUserReq.newBuilder().setUserId(987_654_322L).setNickname("x").build()))
        .satisfies(e -> assertThat(codeOf(e)).isEqualTo(BizCode.USER_NOT_EXIST));
  }

  private static String passwordHash(long id) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "root", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT password_hash FROM mall_user WHERE id = " + id)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
