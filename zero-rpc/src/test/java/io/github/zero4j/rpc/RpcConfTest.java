package io.github.zero4j.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.conf.ConfLoader;
import io.github.zero4j.core.conf.ConfigException;
import io.github.zero4j.core.conf.Default;
import io.github.zero4j.core.conf.Format;
import io.github.zero4j.core.conf.Inline;
import io.github.zero4j.core.conf.OptionalKey;
import io.github.zero4j.core.conf.Options;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RpcConfTest {
  private static final ConfLoader LOADER = ConfLoader.builder().expandEnv(false).build();

  /** A service config as a go-zero user writes it: RpcServerConf inlined, own keys beside. */
  record UsercenterConfig(
      @Inline RpcServerConf rpc,
      @Default("pro") @Options({"dev", "test", "rt", "pre", "pro"}) String mode,
      JwtAuth jwtAuth,
      Optional<PrometheusConf> prometheus,
      Optional<TelemetryConf> telemetry,
      LogConf log,
      RedisConf redis,
      DbConf db,
      List<CacheNode> cache) {}

  record JwtAuth(String accessSecret, long accessExpire) {}

  record PrometheusConf(String host, int port, String path) {}

  record TelemetryConf(String name, String endpoint, double sampler, String batcher) {}

  record LogConf(@OptionalKey String serviceName, @Default("info") String level) {}

  record RedisConf(String host, String type, @OptionalKey String pass, @OptionalKey String key) {}

  record DbConf(String dataSource) {}

  record CacheNode(String host, @OptionalKey String pass) {}

  record TravelApiConfig(
      RpcClientConf usercenterRpcConf, RpcClientConf travelRpcConf, RpcClientConf paymentRpcConf) {}

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(RpcConfTest.class.getResource("/etc/" + name).toURI());
  }

  private static RpcServerConf server(String yaml) {
    return LOADER.load(yaml, Format.YAML, RpcServerConf.class);
  }

  private static RpcClientConf client(String yaml) {
    return LOADER.load(yaml, Format.YAML, RpcClientConf.class);
  }

  @Test
  void load_looklookStyleRpcYaml_bindsEveryZrpcKey() throws Exception {
    UsercenterConfig config = LOADER.load(resource("usercenter.yaml"), UsercenterConfig.class);

    RpcServerConf rpc = config.rpc();
    assertThat(rpc.name()).isEqualTo("usercenter-rpc");
    assertThat(rpc.listenOn()).isEqualTo("0.0.0.0:2004");
    EtcdConf etcd = rpc.etcd().orElseThrow();
    assertThat(etcd.hosts()).containsExactly("127.0.0.1:2379", "127.0.0.1:22379");
    assertThat(etcd.key()).isEqualTo("usercenter.rpc");
    assertThat(etcd.id()).isEqualTo(7);
    assertThat(etcd.user()).isEmpty();
    assertThat(rpc.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(rpc.cpuThreshold()).isEqualTo(800);
    assertThat(rpc.health()).isTrue();
    RpcServerConf.MiddlewaresConf middlewares = rpc.middlewares();
    assertThat(middlewares.trace()).isTrue();
    assertThat(middlewares.recover()).isTrue();
    assertThat(middlewares.stat()).isTrue();
    assertThat(middlewares.prometheus()).isTrue();
    assertThat(middlewares.breaker()).isFalse();
    assertThat(middlewares.statConf().slowThreshold()).isEqualTo(Duration.ofMillis(300));
    assertThat(middlewares.statConf().ignoreContentMethods())
        .containsExactly("/pb.usercenter/login");
    assertThat(rpc.methodTimeouts())
        .containsExactly(
            new RpcServerConf.MethodTimeoutConf("/pb.usercenter/register", Duration.ofSeconds(5)));

    assertThat(config.mode()).isEqualTo("dev");
    assertThat(config.jwtAuth().accessExpire()).isEqualTo(31_536_000L);
    assertThat(config.redis().key()).isEqualTo("usercenter-rpc");
    assertThat(config.cache()).hasSize(1);
  }

  @Test
  void load_minimalServerYaml_takesGoZeroDefaults() {
    RpcServerConf conf = server("ListenOn: 127.0.0.1:8080");

    assertThat(conf).isEqualTo(RpcServerConf.of("127.0.0.1:8080"));
    assertThat(conf.name()).isEmpty();
    assertThat(conf.etcd()).isEmpty();
    assertThat(conf.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(conf.cpuThreshold()).isEqualTo(900);
    assertThat(conf.health()).isTrue();
    assertThat(conf.middlewares()).isEqualTo(RpcServerConf.MiddlewaresConf.ofDefaults());
    assertThat(conf.middlewares().statConf().slowThreshold()).isEqualTo(Duration.ofMillis(500));
    assertThat(conf.methodTimeouts()).isEmpty();
  }

  @Test
  void load_serverWithoutListenOn_isAMissingRequiredKey() {
    assertThatThrownBy(() -> server("Name: x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ListenOn");
  }

  @Test
  void load_cpuThresholdOf1000_isOutOfGoZerosRange() {
    assertThatThrownBy(() -> server("ListenOn: :8080\nCpuThreshold: 1000"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CpuThreshold");
  }

  @Test
  void load_badListenOnAndMethod_areReportedWithTheirKeys() {
    assertThatThrownBy(() -> server("ListenOn: localhost"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ListenOn");
    assertThatThrownBy(
            () ->
                server(
                    "ListenOn: :8080\n"
                        + "MethodTimeouts: [{FullMethod: pkg.Svc/Get, Timeout: 1s}]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/package.Service/Method");
  }

  @Test
  void load_unknownServerKey_isAnError() {
    assertThatThrownBy(() -> server("ListenOn: :8080\nTimeOutt: 3000"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TimeOutt");
  }

  @Test
  void load_clientBlocks_bindGoZeroKeysAndDefaults() throws Exception {
    TravelApiConfig config = LOADER.load(resource("travel-api.yaml"), TravelApiConfig.class);

    RpcClientConf usercenter = config.usercenterRpcConf();
    assertThat(usercenter.etcd().orElseThrow().key()).isEqualTo("usercenter.rpc");
    assertThat(usercenter.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(usercenter.nonBlock()).isTrue();
    assertThat(usercenter.keepaliveTime()).isEmpty();
    assertThat(usercenter.balancerName()).isEqualTo("p2c_ewma");
    assertThat(usercenter.middlewares()).isEqualTo(RpcClientConf.MiddlewaresConf.ofDefaults());
    assertThat(usercenter.buildTarget()).isEqualTo("etcd:///etcd:2379?key=usercenter.rpc");

    RpcClientConf travel = config.travelRpcConf();
    assertThat(travel.nonBlock()).isFalse();
    assertThat(travel.keepaliveTime()).contains(Duration.ofSeconds(20));
    assertThat(travel.app()).isEqualTo("travel");
    assertThat(travel.token()).isEqualTo("s3cret");
    assertThat(travel.middlewares().breaker()).isFalse();
    assertThat(travel.middlewares().timeout()).isTrue();
    assertThat(travel.balancerName()).isEqualTo("round_robin");
    assertThat(travel.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(travel.buildTarget()).isEqualTo("direct:///travel-rpc:2003,travel-rpc-2:2003");

    assertThat(config.paymentRpcConf().buildTarget()).isEqualTo("dns:///payment-rpc:2005");
  }

  @Test
  void buildTarget_prefersEndpointsThenTargetThenEtcd_likeGoZero() {
    EtcdConf etcd = EtcdConf.of(List.of("h1:2379", "h2:2379"), "mall/user.rpc");
    RpcClientConf all =
        new RpcClientConf(
            Optional.of(etcd),
            List.of("a:1", "b:2"),
            "dns:///x:1",
            "",
            "",
            true,
            Duration.ofSeconds(2),
            Optional.empty(),
            RpcClientConf.MiddlewaresConf.ofDefaults(),
            "p2c_ewma");
    assertThat(all.buildTarget()).isEqualTo("direct:///a:1,b:2");

    RpcClientConf targetAndEtcd =
        new RpcClientConf(
            Optional.of(etcd),
            List.of(),
            "dns:///x:1",
            "",
            "",
            true,
            Duration.ofSeconds(2),
            Optional.empty(),
            RpcClientConf.MiddlewaresConf.ofDefaults(),
            "p2c_ewma");
    assertThat(targetAndEtcd.buildTarget()).isEqualTo("dns:///x:1");

    assertThat(RpcClientConf.ofEtcd(etcd).buildTarget())
        .isEqualTo("etcd:///h1:2379,h2:2379?key=mall%2Fuser.rpc");
  }

  @Test
  void clientWithNoEndpointTargetOrEtcd_isRejected() {
    assertThatThrownBy(() -> client("Timeout: 1000"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Endpoints, Target and Etcd");
  }

  @Test
  void etcdAccountOrTls_isRejectedByServerAndClient_notIgnored() {
    EtcdConf withUser = new EtcdConf(List.of("h:2379"), "k", 0, "root", "pw", "", "", "", false);
    EtcdConf withTls =
        new EtcdConf(List.of("h:2379"), "k", 0, "", "", "c.pem", "k.pem", "ca.pem", false);

    assertThatThrownBy(() -> RpcServer.builder(RpcServerConf.of(":0").withEtcd(withUser)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Etcd.User/Pass");
    assertThatThrownBy(() -> RpcClient.builder(RpcClientConf.ofEtcd(withTls)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Etcd.CertFile");
  }

  @Test
  void unknownBalancer_isRejectedAtBuild() {
    RpcClientConf conf =
        RpcClientConf.ofEndpoints(List.of("127.0.0.1:1")).withBalancerName("consistent_hash");

    assertThatThrownBy(() -> RpcClient.builder(conf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BalancerName: 'consistent_hash'");
  }

  @Test
  void withers_changeOneComponent() {
    RpcServerConf conf =
        RpcServerConf.of(":0")
            .withName("svc")
            .withTimeout(Duration.ZERO)
            .withCpuThreshold(0)
            .withHealth(false)
            .withMiddlewares(RpcServerConf.MiddlewaresConf.ofDefaults().withBreaker(false));

    assertThat(conf.name()).isEqualTo("svc");
    assertThat(conf.timeout()).isZero();
    assertThat(conf.cpuThreshold()).isZero();
    assertThat(conf.health()).isFalse();
    assertThat(conf.middlewares().breaker()).isFalse();
    assertThat(conf.middlewares().trace()).isTrue();
    assertThat(conf.serviceName()).isEqualTo("svc");
    assertThat(RpcServerConf.of(":0").serviceName()).isEqualTo(":0");
  }

  @Test
  void load_fromAMap_sameRules() {
    RpcServerConf conf =
        LOADER.load(
            Map.of("ListenOn", ":9000", "Middlewares", Map.of("Stat", false)), RpcServerConf.class);

    assertThat(conf.middlewares().stat()).isFalse();
    assertThat(conf.middlewares().recover()).isTrue();
  }
}
