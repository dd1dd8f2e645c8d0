package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.conf.ConfLoader;
import io.github.zero4j.core.conf.Default;
import io.github.zero4j.core.conf.Format;
import io.github.zero4j.core.conf.Inline;
import io.github.zero4j.core.conf.Key;
import io.github.zero4j.core.conf.OptionalKey;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class RestConfTest {
  private static final ConfLoader NO_ENV = ConfLoader.builder().env(Map.of()).build();

  /** go-zero-looklook's usercenter-api Config: RestConf inlined beside the service's own keys. */
  record UserApiConf(
      @Inline RestConf rest,
      JwtAuthConf jwtAuth,
      WxMiniConf wxMiniConf,
      RpcConf usercenterRpcConf,
      RedisConf redis,
      @Key("DB") SqlConf db,
      List<RedisConf> cache) {}

  record JwtAuthConf(String accessSecret, long accessExpire) {}

  record WxMiniConf(String appId, String secret) {}

  record RpcConf(List<String> endpoints, boolean nonBlock) {}

  record RedisConf(String host, @Default("node") String type, @OptionalKey String pass) {}

  record SqlConf(String dataSource) {}

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(RestConfTest.class.getResource("etc/" + name), name).toURI());
  }

  @Test
  void looklookUsercenterApiYaml_bindsUnchanged_withGoZeroDefaults() throws Exception {
    UserApiConf conf = NO_ENV.load(resource("usercenter-api.yaml"), UserApiConf.class);
    RestConf rest = conf.rest();

    assertThat(rest.service().name()).isEqualTo("usercenter-api");
    assertThat(rest.service().mode()).isEqualTo("dev");
    assertThat(rest.service().log().level()).isEqualTo("error");
    assertThat(rest.service().prometheus())
        .hasValueSatisfying(p -> assertThat(p.port()).isEqualTo(4008));
    assertThat(rest.service().telemetry())
        .hasValueSatisfying(t -> assertThat(t.batcher()).isEqualTo("jaeger"));
    assertThat(rest.service().devServer()).isEmpty();
    assertThat(rest.service().shutdown().wrapUpTime()).isEqualTo(Duration.ofSeconds(1));
    assertThat(rest.service().shutdown().waitTime()).isEqualTo(Duration.ofMillis(5500));
    assertThat(rest.host()).isEqualTo("0.0.0.0");
    assertThat(rest.port()).isEqualTo(1004);
    assertThat(rest.timeout()).isEqualTo(Duration.ofMillis(5000));
    assertThat(rest.maxConns()).isEqualTo(10000);
    assertThat(rest.maxBytes()).isEqualTo(1048576);
    assertThat(rest.cpuThreshold()).isEqualTo(900);
    assertThat(rest.signature()).isEmpty();
    assertThat(rest.traceIgnorePaths()).isEmpty();
    for (BuiltIn builtIn : BuiltIn.values()) {
      assertThat(rest.middlewares().enabled(builtIn)).as(builtIn.name()).isTrue();
    }
    assertThat(conf.jwtAuth().accessExpire()).isEqualTo(31536000);
    assertThat(conf.db().dataSource()).startsWith("root:");
    assertThat(conf.cache()).hasSize(1);
  }

  @Test
  void cpuThresholdOutOfRange_isRefused() {
    String yaml = "Name: a\nPort: 1\nCpuThreshold: 1000\n";
    assertThatThrownBy(() -> NO_ENV.load(yaml, Format.YAML, RestConf.class))
        .hasMessageContaining("1000");
  }

  @Test
  void builderFromConf_servesWithTheConfiguredSwitches() {
    String yaml =
        "Name: api\nHost: 127.0.0.1\nPort: 0\nMaxConns: 0\nTimeout: 0\n"
            + "Middlewares: {Trace: false}\nDevServer: {}\n";
    RestConf conf = NO_ENV.load(yaml, Format.YAML, RestConf.class);
    assertThat(conf.service().devServer())
        .hasValueSatisfying(d -> assertThat(d.port()).isEqualTo(6060));
    assertThat(conf.middlewares().enabled(BuiltIn.TRACE)).isFalse();
    try (RestServer server =
        RestServer.builder(conf)
            .route(HttpMethod.GET, "/a", r -> Response.text("ok"))
            .build()
            .start()) {
      assertThat(server.port()).isPositive();
      assertThat(server.toString()).contains("127.0.0.1");
    }
  }

  @Test
  void builderFromConf_refusesTls() {
    String yaml = "Name: api\nPort: 0\nCertFile: c.pem\nKeyFile: k.pem\n";
    RestConf conf = NO_ENV.load(yaml, Format.YAML, RestConf.class);
    assertThatThrownBy(() -> RestServer.builder(conf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("certFile");
  }
}
