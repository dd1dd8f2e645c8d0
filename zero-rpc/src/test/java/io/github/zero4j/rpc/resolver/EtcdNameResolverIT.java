package io.github.zero4j.rpc.resolver;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.PutOption;
import io.github.zero4j.rpc.balancer.EchoBackend;
import io.github.zero4j.rpc.discovery.EtcdRegistrar;
import io.github.zero4j.rpc.discovery.Eventually;
import io.github.zero4j.testing.EtcdServer;
import io.github.zero4j.testing.FreePorts;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The etcd resolver against a real etcd: a recording listener, then a real channel. */
class EtcdNameResolverIT {
  @RegisterExtension static final EtcdServer etcd = EtcdServer.create();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final SynchronizationContext sync =
      new SynchronizationContext(
          (thread, error) -> {
            throw new AssertionError(error);
          });
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService offload = Executors.newCachedThreadPool();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private Client client;

  @BeforeEach
  void setUp() {
    client = Client.builder().endpoints(etcd.endpoint()).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    client.close();
    scheduler.shutdownNow();
    offload.shutdownNow();
  }

  private RecordingListener resolve(String target) {
    NameResolver resolver =
        requireNonNull(
            new EtcdNameResolverProvider()
                .newNameResolver(URI.create(target), ResolverArgs.args(sync, scheduler, offload)));
    RecordingListener listener = new RecordingListener();
    sync.execute(() -> resolver.start(listener));
    resources.add(() -> sync.execute(resolver::shutdown));
    return listener;
  }

  private void put(String key, String value) throws Exception {
    client.getKVClient().put(bytes(key), bytes(value)).get(5, TimeUnit.SECONDS);
  }

  private void put(String key, String value, long lease) throws Exception {
    client
        .getKVClient()
        .put(bytes(key), bytes(value), PutOption.builder().withLeaseId(lease).build())
        .get(5, TimeUnit.SECONDS);
  }

  private void delete(String key) throws Exception {
    client.getKVClient().delete(bytes(key)).get(5, TimeUnit.SECONDS);
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  private static void awaitEndpoints(RecordingListener listener, String... expected) {
    Set<String> want = Set.of(expected);
    Eventually.until(
        WAIT, () -> want.equals(listener.latest()), () -> "endpoints " + listener.latest());
  }

  @Test
  void listsThePrefix_thenFollowsPutsAndDeletes() throws Exception {
    put("list.rpc/1", "127.0.0.1:1001");
    put("list.rpcx/1", "127.0.0.1:9999"); // another service sharing the text prefix
    RecordingListener listener = resolve("etcd:///" + etcd.hostAndPort() + "?key=list.rpc");
    awaitEndpoints(listener, "127.0.0.1:1001");

    put("list.rpc/2", "127.0.0.1:1002");
    awaitEndpoints(listener, "127.0.0.1:1001", "127.0.0.1:1002");
    delete("list.rpc/1");
    awaitEndpoints(listener, "127.0.0.1:1002");
    assertThat(listener.errors).isEmpty();
  }

  @Test
  void sameValueUnderTwoKeys_staysUntilBothAreGone() throws Exception {
    put("dup.rpc/1", "127.0.0.1:2001");
    put("dup.rpc/2", "127.0.0.1:2001");
    put("dup.rpc/3", "127.0.0.1:2002");
    RecordingListener listener = resolve("etcd:///" + etcd.hostAndPort() + "?key=dup.rpc");
    awaitEndpoints(listener, "127.0.0.1:2001", "127.0.0.1:2002");
    delete("dup.rpc/1");
    delete("dup.rpc/3");
    awaitEndpoints(listener, "127.0.0.1:2001");
    delete("dup.rpc/2");
    Eventually.until(
        WAIT, () -> Set.of().equals(listener.latest()), () -> "empty: " + listener.latest());
  }

  @Test
  void expiredLease_removesTheEndpoint() throws Exception {
    long lease = client.getLeaseClient().grant(2).get(5, TimeUnit.SECONDS).getID();
    put("lease.rpc/" + lease, "127.0.0.1:3001", lease);
    put("lease.rpc/static", "127.0.0.1:3002");
    RecordingListener listener = resolve("etcd:///" + etcd.hostAndPort() + "?key=lease.rpc");
    awaitEndpoints(listener, "127.0.0.1:3001", "127.0.0.1:3002");
    awaitEndpoints(listener, "127.0.0.1:3002"); // no keepalive: gone within ~2 s
  }

  @Test
  void legacyTargetShape_hostsInAuthority() throws Exception {
    put("legacy.rpc/1", "127.0.0.1:4001");
    RecordingListener listener = resolve("etcd://" + etcd.hostAndPort() + "/legacy.rpc");
    awaitEndpoints(listener, "127.0.0.1:4001");
  }

  @Test
  void unreachableEtcd_reportsUnavailable() {
    RecordingListener listener = resolve("etcd:///127.0.0.1:" + FreePorts.next() + "?key=x.rpc");
    Eventually.until(WAIT, () -> !listener.errors.isEmpty(), () -> "an error");
    assertThat(listener.errors.get(0).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(listener.latest()).isNull();
  }

  @Test
  void channel_findsNewServersWithoutRestart_andDropsDeregisteredOnes() throws Exception {
    EchoBackend first = backend("first");
    EtcdRegistrar firstRegistration = register("echo.rpc", first);
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget("etcd:///" + etcd.hostAndPort() + "?key=echo.rpc")
            .defaultLoadBalancingPolicy("p2c_ewma")
            .usePlaintext()
            .build();
    resources.add(channel::shutdownNow);
    assertThat(EchoBackend.call(channel)).isEqualTo("first");

    EchoBackend second = backend("second");
    register("echo.rpc", second);
    Eventually.until(
        WAIT, () -> EchoBackend.call(channel).equals("second"), () -> "a call on second");

    firstRegistration.close();
    Eventually.until(
        WAIT, () -> answeredBy(channel, 50).equals(Set.of("second")), () -> "only second");
  }

  private EchoBackend backend(String name) {
    EchoBackend backend = EchoBackend.start(name);
    resources.add(backend);
    return backend;
  }

  private EtcdRegistrar register(String key, EchoBackend backend) {
    EtcdRegistrar registrar =
        EtcdRegistrar.builder()
            .hosts(etcd.hostAndPort())
            .key(key)
            .listenOn(backend.address())
            .build()
            .start();
    resources.add(registrar);
    return registrar;
  }

  private static Set<String> answeredBy(ManagedChannel channel, int calls) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < calls; i++) {
      names.add(EchoBackend.call(channel));
    }
    return names;
  }
}
