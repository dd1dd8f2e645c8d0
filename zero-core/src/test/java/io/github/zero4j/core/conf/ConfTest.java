package io.github.zero4j.core.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfTest {
  private static final ConfLoader NO_ENV = ConfLoader.builder().env(Map.of()).build();

  // ---- real go-zero files ------------------------------------------------------------------

  @Test
  void load_looklookUserApiYaml_unchanged() throws Exception {
    UserApiConfExample conf =
        NO_ENV.load(resource("usercenter-api.yaml"), UserApiConfExample.class);

    RestConfExample rest = conf.rest();
    assertThat(rest.service().name()).isEqualTo("usercenter-api");
    assertThat(rest.service().mode()).isEqualTo("dev");
    assertThat(rest.host()).isEqualTo("0.0.0.0");
    assertThat(rest.port()).isEqualTo(1004);
    assertThat(rest.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(rest.service().log().serviceName()).isEqualTo("usercenter-api");
    assertThat(rest.service().log().level()).isEqualTo("error");
    assertThat(rest.service().prometheus())
        .hasValue(new ServiceConfExample.PrometheusConf("0.0.0.0", 4008, "/metrics"));
    ServiceConfExample.TelemetryConf telemetry = rest.service().telemetry().orElseThrow();
    assertThat(telemetry.endpoint()).isEqualTo("http://jaeger:14268/api/traces");
    assertThat(telemetry.sampler()).isEqualTo(1.0);
    assertThat(telemetry.batcher()).isEqualTo("jaeger");

    assertThat(conf.jwtAuth().accessSecret()).isEqualTo("3b8e6f0c-1d2a-4c5b-9e7f-a0b1c2d3e4f5");
    assertThat(conf.jwtAuth().accessExpire()).isEqualTo(31_536_000L);
    assertThat(conf.wxMiniConf().appId()).isEqualTo("wx0000000000000000");
    assertThat(conf.usercenterRpcConf().endpoints()).containsExactly("127.0.0.1:2004");
    assertThat(conf.usercenterRpcConf().nonBlock()).isTrue();
    assertThat(conf.usercenterRpcConf().etcd()).isEmpty();
    assertThat(conf.redis().host()).isEqualTo("redis:6379");
    assertThat(conf.redis().pass()).isEqualTo("change-me-redis");
    assertThat(conf.db().dataSource()).startsWith("root:change-me@tcp(mysql:3306)/");
    assertThat(conf.cache()).hasSize(1);
    assertThat(conf.cache().get(0).redis().host()).isEqualTo("redis:6379");
    assertThat(conf.cache().get(0).weight()).isEqualTo(100);
  }

  @Test
  void load_restConfDefaults_matchGoZero() throws Exception {
    RestConfExample rest =
        NO_ENV.load(resource("usercenter-api.yaml"), UserApiConfExample.class).rest();

    assertThat(rest.maxConns()).isEqualTo(10_000);
    assertThat(rest.maxBytes()).isEqualTo(1_048_576L);
    assertThat(rest.cpuThreshold()).isEqualTo(900);
    assertThat(rest.certFile()).isEmpty();
    assertThat(rest.verbose()).isFalse();
    assertThat(rest.signature()).isEmpty();
    assertThat(rest.traceIgnorePaths()).isEmpty();
    assertThat(rest.middlewares())
        .isEqualTo(
            new RestConfExample.MiddlewaresConf(
                true, true, true, true, true, true, true, true, true, true, true));
    ServiceConfExample.LogConf log = rest.service().log();
    assertThat(log.mode()).isEqualTo("console");
    assertThat(log.encoding()).isEqualTo("json");
    assertThat(log.path()).isEqualTo("logs");
    assertThat(log.stat()).isTrue();
    assertThat(log.stackCooldownMillis()).isEqualTo(100);
    RpcClientConfExample rpc =
        NO_ENV.load(resource("usercenter-api.yaml"), UserApiConfExample.class).usercenterRpcConf();
    assertThat(rpc.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(rpc.balancerName()).isEqualTo(RpcClientConfExample.Balancer.P2C_EWMA);
    assertThat(rpc.keepaliveTime()).isNull();
  }

  @Test
  void load_jsonAndYaml_bindEqually() throws Exception {
    UserApiConfExample fromYaml =
        NO_ENV.load(resource("usercenter-api.yaml"), UserApiConfExample.class);
    UserApiConfExample fromJson =
        NO_ENV.load(resource("usercenter-api.json"), UserApiConfExample.class);

    assertThat(fromJson).isEqualTo(fromYaml);
  }

  @Test
  void load_looklookOrderMq_withKqEtcdAndEnums() throws Exception {
    OrderMqConfExample conf = NO_ENV.load(resource("order-mq.yaml"), OrderMqConfExample.class);

    KqConfExample kq = conf.paymentUpdateStatusConf();
    assertThat(kq.service().name()).isEqualTo("PaymentUpdateStatus");
    assertThat(kq.brokers()).containsExactly("kafka:9092");
    assertThat(kq.group()).isEqualTo("payment-update-paystatus-group");
    assertThat(kq.offset()).isEqualTo("first");
    assertThat(kq.consumers()).isEqualTo(1);
    assertThat(kq.conns()).isEqualTo(1);
    assertThat(kq.minBytes()).isEqualTo(10_240);
    assertThat(kq.maxBytes()).isEqualTo(10_485_760);
    assertThat(kq.forceCommit()).isTrue();
    RpcClientConfExample.EtcdConf etcd = conf.orderRpcConf().etcd().orElseThrow();
    assertThat(etcd.hosts()).containsExactly("etcd-0:2379", "etcd-1:2379");
    assertThat(etcd.key()).isEqualTo("order.rpc");
    assertThat(conf.orderRpcConf().timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(conf.usercenterRpcConf().target())
        .isEqualTo("k8s://looklook/usercenter-rpc-svc:9002");
    assertThat(conf.usercenterRpcConf().balancerName())
        .isEqualTo(RpcClientConfExample.Balancer.CONSISTENT_HASH);
  }

  @Test
  void load_staleKeysGoZeroIgnores_areReported() {
    // looklook's real order-mq yaml carries Host/Port and a MqueueRpcConf block that its Config
    // struct does not declare; go-zero drops them silently.
    String yaml =
        """
        Name: order-mq
        Host: 0.0.0.0
        Port: 7004
        Redis: {Host: 'redis:6379'}
        PaymentUpdateStatusConf: {Name: p, Brokers: [k:9092], Group: g, Topic: t}
        OrderRpcConf: {Endpoints: ['order-rpc:9004']}
        MqueueRpcConf: {Endpoints: ['mqueue-rpc:9006']}
        UsercenterRpcConf: {Endpoints: ['usercenter-rpc:9002']}
        """;

    ConfigException e = loadFails(yaml, OrderMqConfExample.class);

    assertThat(e.problems())
        .containsExactly("unknown key Host", "unknown key Port", "unknown key MqueueRpcConf");
  }

  // ---- keys --------------------------------------------------------------------------------

  @Test
  void keys_matchComponentsInAnyCase() {
    String yaml = "HOST: redis:6379\ntYPe: cluster\npingtimeout: 250ms\n";

    RedisConfExample redis = NO_ENV.load(yaml, Format.YAML, RedisConfExample.class);

    assertThat(redis.host()).isEqualTo("redis:6379");
    assertThat(redis.type()).isEqualTo("cluster");
    assertThat(redis.pingTimeout()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void unknownKey_namesFilePathAndNearestKey(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("etc/user.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "Host: redis:6379\nHots: oops\n");

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> NO_ENV.load(file, RedisConfExample.class));

    assertThat(e.source()).isEqualTo(file.toString());
    assertThat(e.problems()).containsExactly("unknown key Hots (did you mean Host?)");
    assertThat(e).hasMessage(file + ":2: unknown key Hots (did you mean Host?)");
  }

  @Test
  void unknownNestedKey_showsFullPathAndSuggestion(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("etc/user.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, "Name: user-api\nPort: 8888\nLog:\n  Level: info\nRedis:\n  Hots: redis:6379\n");
    record WithRedis(@Inline RestConfExample rest, RedisConfExample redis) {}

    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> NO_ENV.load(file, WithRedis.class));

    assertThat(e.problems())
        .containsExactly(
            "unknown key Redis.Hots (did you mean Redis.Host?)", "missing required key Redis.Host");
    assertThat(e.getMessage())
        .contains(file + ":6: unknown key Redis.Hots (did you mean Redis.Host?)")
        .contains(file + ":5: missing required key Redis.Host");
  }

  @Test
  void unknownKey_farFromEveryKey_hasNoSuggestion() {
    ConfigException e = loadFails("Host: h\nZebra: 1\n", RedisConfExample.class);

    assertThat(e.problems()).containsExactly("unknown key Zebra");
  }

  @Test
  void duplicateKey_inDifferentCase_isReported() {
    ConfigException e = loadFails("Host: a\nhost: b\n", RedisConfExample.class);

    assertThat(e.problems()).containsExactly("duplicate key host (first given as Host on line 1)");
  }

  // ---- failure messages --------------------------------------------------------------------

  @Test
  void typeMismatch_namesKeyValueAndExpectation() {
    ConfigException e = loadFails("Name: api\nPort: abc\n", RestConfExample.class);

    assertThat(e.problems())
        .containsExactly("Port: abc (expected: an integer between -2147483648 and 2147483647)");
    assertThat(e)
        .hasMessage(
            "<yaml>:2: Port: abc (expected: an integer between -2147483648 and 2147483647)");
  }

  @Test
  void missingRequiredKey_isReported() {
    ConfigException e = loadFails("Port: 8080\n", RestConfExample.class);

    assertThat(e.problems()).containsExactly("missing required key Name");
  }

  @Test
  void options_rejectOtherValues() {
    ConfigException e = loadFails("Name: a\nPort: 1\nMode: prod\n", RestConfExample.class);

    assertThat(e.problems())
        .containsExactly("Mode: prod (expected: one of dev, test, rt, pre, pro)");
  }

  @Test
  void range_rejectsValuesOutside_goZeroInterval() {
    ConfigException above =
        loadFails("Name: a\nPort: 1\nCpuThreshold: 1200\n", RestConfExample.class);
    ConfigException bound =
        loadFails("Name: a\nPort: 1\nCpuThreshold: 1000\n", RestConfExample.class);
    RestConfExample zero =
        NO_ENV.load("Name: a\nPort: 1\nCpuThreshold: 0\n", Format.YAML, RestConfExample.class);

    assertThat(above.problems()).containsExactly("CpuThreshold: 1200 (expected: in [0:1000))");
    assertThat(bound.problems()).containsExactly("CpuThreshold: 1000 (expected: in [0:1000))");
    assertThat(zero.cpuThreshold()).isZero();
  }

  @Test
  void badDuration_isReported() {
    ConfigException e = loadFails("Name: a\nPort: 1\nTimeout: 3 seconds\n", RestConfExample.class);

    assertThat(e.problems())
        .containsExactly(
            "Timeout: 3 seconds (expected: a duration such as 3000 (milliseconds), 500ms, 1m30s"
                + " or PT3S)");
  }

  @Test
  void unsetEnvVar_namesVariableAndKey() {
    ConfigException e =
        loadFails("Host: ${REDIS_HOST}\nPass: ${REDIS_PASS}\n", RedisConfExample.class);

    assertThat(e.problems())
        .containsExactly(
            "Host: environment variable REDIS_HOST is not set (expected: it set, or a default as"
                + " in ${REDIS_HOST:-value})",
            "Pass: environment variable REDIS_PASS is not set (expected: it set, or a default as"
                + " in ${REDIS_PASS:-value})");
  }

  @Test
  void everyProblem_isReportedAtOnce() {
    String yaml =
        "Port: abc\nMode: prod\nCpuThreshold: -1\nTimeout: soon\nMiddlewares:\n  Breakr: false\n";

    ConfigException e = loadFails(yaml, RestConfExample.class);

    assertThat(e.problems())
        .containsExactly(
            "missing required key Name",
            "Mode: prod (expected: one of dev, test, rt, pre, pro)",
            "Port: abc (expected: an integer between -2147483648 and 2147483647)",
            "Timeout: soon (expected: a duration such as 3000 (milliseconds), 500ms, 1m30s or"
                + " PT3S)",
            "CpuThreshold: -1 (expected: in [0:1000))",
            "unknown key Middlewares.Breakr (did you mean Middlewares.Breaker?)");
    assertThat(e.getMessage()).startsWith("6 config errors in <yaml>:\n  <yaml>: missing required");
  }

  @Test
  void everyProblem_isLocatedInTheMessage(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("user.yaml");
    Files.writeString(
        file,
        """
        Port: 8080
        Mode: prod
        CpuThreshold: 1200
        JwtAuth: {AccessSecret: s}
        WxMiniConf: {AppId: a, Secret: b}
        UsercenterRpcConf: {Endpoints: [x]}
        Redis:
          Hots: r
        DB: {DataSource: d}
        Cache: []
        """);

    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> NO_ENV.load(file, UserApiConfExample.class));

    assertThat(e)
        .hasMessage(
            String.join(
                    "\n  ",
                    "5 config errors in %1$s:",
                    "%1$s: missing required key Name",
                    "%1$s:2: Mode: prod (expected: one of dev, test, rt, pre, pro)",
                    "%1$s:3: CpuThreshold: 1200 (expected: in [0:1000))",
                    "%1$s:8: unknown key Redis.Hots (did you mean Redis.Host?)",
                    "%1$s:7: missing required key Redis.Host")
                .formatted(file));
  }

  @Test
  void malformedYaml_namesLine() {
    ConfigException e = loadFails("Name: a\nPort: [1, 2\n", RestConfExample.class);

    assertThat(e.getMessage()).startsWith("<yaml>:").contains("malformed YAML");
  }

  @Test
  void unsupportedExtension_isRejected(@TempDir Path dir) {
    assertThatThrownBy(() -> Conf.load(dir.resolve("app.toml"), RestConfExample.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unrecognized file type (expected: a .yaml, .yml or .json file)");
  }

  @Test
  void missingFile_isAConfigException(@TempDir Path dir) {
    assertThatThrownBy(() -> Conf.load(dir.resolve("absent.yaml"), RestConfExample.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read the file");
  }

  // ---- environment -------------------------------------------------------------------------

  @Test
  void env_expandsVariablesAndDefaults() {
    ConfLoader loader =
        ConfLoader.builder().env(Map.of("REDIS_HOST", "cache-1", "PORT", "6380")).build();
    String yaml =
        "Host: ${REDIS_HOST}:${PORT}\nPass: ${REDIS_PASS:-dev-secret}\nTls: ${TLS:-true}\n";

    RedisConfExample redis = loader.load(yaml, Format.YAML, RedisConfExample.class);

    assertThat(redis.host()).isEqualTo("cache-1:6380");
    assertThat(redis.pass()).isEqualTo("dev-secret");
    assertThat(redis.tls()).isTrue();
  }

  @Test
  void env_numbersAndListsFromVariables() {
    ConfLoader loader =
        ConfLoader.builder()
            .env(Map.of("PORT", "9090", "BROKERS", "k1:9092, k2:9092", "TIMEOUT", "1m30s"))
            .build();
    String yaml = "Name: a\nPort: ${PORT}\nTimeout: ${TIMEOUT}\nTraceIgnorePaths: ${BROKERS}\n";

    RestConfExample rest = loader.load(yaml, Format.YAML, RestConfExample.class);

    assertThat(rest.port()).isEqualTo(9090);
    assertThat(rest.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(rest.traceIgnorePaths()).containsExactly("k1:9092", "k2:9092");
  }

  @Test
  void env_canBeSwitchedOff() {
    ConfLoader literal = ConfLoader.builder().expandEnv(false).build();

    RedisConfExample redis =
        literal.load("Host: ${NOT_EXPANDED}\n", Format.YAML, RedisConfExample.class);

    assertThat(redis.host()).isEqualTo("${NOT_EXPANDED}");
  }

  @Test
  void conf_readsTheProcessEnvironment() {
    // PATH is set in every environment this suite runs in.
    String path = Objects.requireNonNull(System.getenv("PATH"));

    RedisConfExample redis = Conf.load("Host: ${PATH}\n", Format.YAML, RedisConfExample.class);

    assertThat(redis.host()).isEqualTo(path);
  }

  // ---- maps as input -----------------------------------------------------------------------

  @Test
  void load_fromMap_bindsLikeText() {
    Map<String, Object> tree =
        Map.of(
            "Name",
            "m",
            "Port",
            8080,
            "Signature",
            Map.of(
                "Strict",
                true,
                "PrivateKeys",
                List.of(Map.of("Fingerprint", "fp", "KeyFile", "k.pem"))));

    RestConfExample rest = NO_ENV.load(tree, RestConfExample.class);

    assertThat(rest.port()).isEqualTo(8080);
    RestConfExample.SignatureConf signature = rest.signature().orElseThrow();
    assertThat(signature.strict()).isTrue();
    assertThat(signature.expiry()).isEqualTo(Duration.ofHours(1));
    assertThat(signature.privateKeys())
        .containsExactly(new RestConfExample.PrivateKeyConf("fp", "k.pem"));
    assertThat(rest.signature()).isNotEqualTo(Optional.empty());
  }

  private static <T> ConfigException loadFails(String yaml, Class<T> type) {
    return catchThrowableOfType(ConfigException.class, () -> NO_ENV.load(yaml, Format.YAML, type));
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(ConfTest.class.getResource("etc/" + name), name).toURI());
  }
}
