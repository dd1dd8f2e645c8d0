package io.github.zero4j.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.github.zero4j.rpc.discovery.Eventually;
import io.github.zero4j.testing.EtcdServer;
import io.grpc.CallOptions;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RpcServer registering in a real etcd and RpcClient finding it through an etcd target. */
class RpcEtcdIT {
  @RegisterExtension static final EtcdServer etcd = EtcdServer.create();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Resources resources = new Resources();
  private Client jetcd;

  @BeforeEach
  void setUp() {
    jetcd = resources.add(Client.builder().endpoints(etcd.endpoint()).build());
  }

  @AfterEach
  void tearDown() {
    resources.close();
  }

  private EtcdConf etcdConf(String key) {
    return EtcdConf.of(List.of(etcd.hostAndPort()), key);
  }

  private RpcServer start(String key, TestService service) {
    RpcServerConf conf = RpcServerConf.of("127.0.0.1:0").withEtcd(etcdConf(key));
    return resources
        .add(
            RpcServer.builder(conf)
                .addService(service.definition())
                .gracePeriod(Duration.ofSeconds(1))
                .build())
        .start();
  }

  private List<String> registered(String key) throws Exception {
    ByteSequence prefix = ByteSequence.from(key + "/", StandardCharsets.UTF_8);
    List<KeyValue> kvs =
        jetcd
            .getKVClient()
            .get(prefix, GetOption.builder().isPrefix(true).build())
            .get(5, TimeUnit.SECONDS)
            .getKvs();
    return kvs.stream()
        .map(kv -> kv.getValue().toString(StandardCharsets.UTF_8))
        .collect(Collectors.toList());
  }

  private List<String> registeredQuietly(String key) {
    try {
      return registered(key);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void server_registersItsAddress_andAClientDialsItThroughEtcd() throws Exception {
    RpcServer server = start("echo.rpc", TestService.create().unary("Who", request -> "a"));

    assertThat(registered("echo.rpc")).containsExactly("127.0.0.1:" + server.port());

    RpcClient client =
        resources.add(
            RpcClient.create(RpcClientConf.ofEtcd(etcdConf("echo.rpc")).withNonBlock(false)));
    assertThat(client.target()).isEqualTo("etcd:///" + etcd.hostAndPort() + "?key=echo.rpc");
    assertThat(TestService.call(client.channel(), "Who", "")).isEqualTo("a");

    server.close();
    assertThat(registered("echo.rpc")).isEmpty();
  }

  @Test
  void blockingDial_withNoServerRegistered_failsNamingTheService() {
    RpcClientConf conf = RpcClientConf.ofEtcd(etcdConf("nobody.rpc")).withNonBlock(false);

    assertThatThrownBy(() -> RpcClient.create(conf))
        .isInstanceOf(RpcDialException.class)
        .hasMessageContaining("make sure rpc service \"nobody.rpc\" is already started");
  }

  @Test
  void killedServer_onlyItsCallsInFlightFail_callsAfterItsRemovalSucceed() throws Exception {
    String key = "fleet.rpc";
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger heldAtA = new AtomicInteger();
    List<RpcServer> servers = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      TestService service =
          TestService.create()
              .unary("Who", request -> name)
              .unary(
                  "Hold",
                  request -> {
                    if (name.equals("a")) {
                      heldAtA.incrementAndGet();
                      try {
                        release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }
                    return name;
                  });
      servers.add(start(key, service));
    }
    RpcServer a = servers.get(0);
    RpcClient client =
        resources.add(
            RpcClient.create(
                RpcClientConf.ofEtcd(etcdConf(key)).withTimeout(WAIT.multipliedBy(2))));
    try {
      Set<String> seen = new HashSet<>();
      Eventually.until(
          WAIT,
          () -> {
            seen.add(TestService.call(client.channel(), "Who", ""));
            return seen.size() == 3;
          },
          () -> "every server answered, saw " + seen);

      List<CompletableFuture<String>> holds = new ArrayList<>();
      Eventually.until(
          WAIT,
          () -> {
            holds.add(async(client, "Hold"));
            return heldAtA.get() > 0;
          },
          () -> "a call held at server a");
      // The held calls at b and c return at once; what stays pending is exactly a's.
      Eventually.until(
          WAIT,
          () -> holds.stream().filter(call -> !call.isDone()).count() == heldAtA.get(),
          () -> "only a's calls pending");
      List<CompletableFuture<String>> inFlightAtA =
          holds.stream().filter(call -> !call.isDone()).collect(Collectors.toList());

      a.kill();

      for (CompletableFuture<String> call : inFlightAtA) {
        assertThatThrownBy(() -> call.get(WAIT.toSeconds(), TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(StatusRuntimeException.class);
      }
      Eventually.until(WAIT, () -> registeredQuietly(key).size() == 2, () -> "a deregistered");

      // Every call started after a's removal succeeds (a failure would throw here).
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        answers.add(TestService.call(client.channel(), "Who", ""));
      }
      assertThat(answers).hasSize(50).isSubsetOf("b", "c");
    } finally {
      release.countDown();
    }
  }

  private static CompletableFuture<String> async(RpcClient client, String method) {
    CompletableFuture<String> future = new CompletableFuture<>();
    ClientCalls.asyncUnaryCall(
        client.channel().newCall(TestService.method(method), CallOptions.DEFAULT),
        "",
        new StreamObserver<>() {
          @Override
          public void onNext(String value) {
            future.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            future.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    return future;
  }
}
