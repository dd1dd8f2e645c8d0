package io.github.zero4j.examples.mall.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.conf.Conf;
import io.github.zero4j.core.conf.ConfLoader;
import io.github.zero4j.core.conf.Format;
import io.github.zero4j.stores.cache.CacheNodeConf;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserConfTest {
  private static final ConfLoader NO_ENV = ConfLoader.builder().env(Map.of()).build();

  private static String resource(String name) throws IOException {
    try (InputStream in = UserConfTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void realUserRpcUsesMariaDbRedisAndEtcd() {
    UserRpcConf conf = NO_ENV.load(Path.of("etc/user-rpc.yaml"), UserRpcConf.class);

    assertThat(conf.rpc().listenOn()).isEqualTo("127.0.0.1:9001");
    assertThat(conf.rpc().etcd().orElseThrow().key()).isEqualTo("user.rpc");
    assertThat(conf.rpc().etcd().orElseThrow().hosts()).containsExactly("127.0.0.1:2379");
    assertThat(conf.mysql().dataSource())
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/mall?createDatabaseIfNotExist=true");
    assertThat(conf.mysql().user()).isEqualTo("root");
    assertThat(conf.mysql().pass()).isEmpty();
    assertThat(conf.cacheRedis())
        .extracting(CacheNodeConf::redis)
        .extracting(r -> r.host())
        .containsExactly("127.0.0.1:6379");
    assertThat(conf.bcryptCost()).isEqualTo(10);
  }

  @Test
  void realUserRpcPortComesFromTheEnvironment() {
    ConfLoader env = ConfLoader.builder().env(Map.of("USER_RPC_PORT", "9002")).build();

    assertThat(env.load(Path.of("etc/user-rpc.yaml"), UserRpcConf.class).rpc().listenOn())
        .isEqualTo("127.0.0.1:9002");
  }

  @Test
  void realUserApiUsesEtcdRedisAndADevServer() {
    UserApiConf conf = NO_ENV.load(Path.of("etc/user-api.yaml"), UserApiConf.class);

    assertThat(conf.rest().port()).isEqualTo(8888);
    assertThat(conf.rest().host()).isEqualTo("127.0.0.1");
    assertThat(conf.rest().service().devServer().orElseThrow().port()).isEqualTo(6470);
    assertThat(conf.userRpc().etcd().orElseThrow().key()).isEqualTo("user.rpc");
    assertThat(conf.redis().orElseThrow().host()).isEqualTo("127.0.0.1:6379");
    assertThat(conf.registerLimit().rate()).isEqualTo(10);
    assertThat(conf.registerLimit().burst()).isEqualTo(20);
    assertThat(conf.loginLimit().period()).isEqualTo(60);
    assertThat(conf.loginLimit().quota()).isEqualTo(5);
    assertThat(conf.auth().accessExpire()).isEqualTo(86400);
  }

  @Test
  void embeddedUserRpcsUseH2AndTheLocalCacheOnThreePorts() throws IOException {
    for (int i = 1; i <= 3; i++) {
      ConfLoader env =
          ConfLoader.builder().env(Map.of("USER_RPC_PORT", Integer.toString(9000 + i))).build();
      UserRpcConf conf =
          env.load(resource("/embedded/user-rpc.yaml"), Format.YAML, UserRpcConf.class);

      assertThat(conf.rpc().listenOn()).isEqualTo("127.0.0.1:900" + i);
      assertThat(conf.rpc().etcd()).isEmpty();
      assertThat(conf.mysql().dataSource()).startsWith("jdbc:h2:mem:mall;MODE=MySQL");
      assertThat(conf.mysql().driverName()).isEqualTo("h2");
      assertThat(conf.cacheRedis()).isEmpty();
    }
  }

  @Test
  void embeddedUserApiDialsTheThreeInstancesDirectly() throws IOException {
    UserApiConf conf =
        Conf.load(resource("/embedded/user-api.yaml"), Format.YAML, UserApiConf.class);

    assertThat(conf.userRpc().buildTarget())
        .isEqualTo("direct:///127.0.0.1:9001,127.0.0.1:9002,127.0.0.1:9003");
    assertThat(conf.redis()).isEmpty();
    assertThat(conf.rest().service().devServer()).isEmpty();
    assertThat(conf.rest().port()).isEqualTo(8888);
  }
}
