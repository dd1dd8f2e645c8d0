package io.github.zero4j.rpc.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.lease.LeaseTimeToLiveResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import io.github.zero4j.testing.EtcdServer;
import io.github.zero4j.testing.FreePorts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** EtcdRegistrar against a real etcd, checked with jetcd's own client. */
class EtcdRegistrarIT {
  @RegisterExtension static final EtcdServer etcd = EtcdServer.create();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final List<EtcdRegistrar> registrars = new ArrayList<>();
  private Client client;

  @BeforeEach
  void setUp() {
    client = Client.builder().endpoints(etcd.endpoint()).build();
  }

  @AfterEach
  void tearDown() {
    registrars.forEach(EtcdRegistrar::close);
    client.close();
  }

  private EtcdRegistrar.Builder builder(String key) {
    return EtcdRegistrar.builder().hosts(etcd.hostAndPort()).key(key).listenOn("127.0.0.1:8080");
  }

  private EtcdRegistrar start(EtcdRegistrar.Builder builder) {
    EtcdRegistrar registrar = builder.build();
    registrars.add(registrar);
    return registrar.start();
  }

  private List<KeyValue> list(String key) throws Exception {
    ByteSequence prefix = bytes(key + "/");
    return client
        .getKVClient()
        .get(prefix, GetOption.builder().isPrefix(true).build())
        .get(5, TimeUnit.SECONDS)
        .getKvs();
  }

  private LeaseTimeToLiveResponse ttl(long lease) throws Exception {
    return client.getLeaseClient().timeToLive(lease, LeaseOption.DEFAULT).get(5, TimeUnit.SECONDS);
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  private static String text(ByteSequence bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void start_putsKeySlashLeaseId_toHostPort_withATenSecondLease() throws Exception {
    EtcdRegistrar registrar = start(builder("user.rpc"));

    List<KeyValue> kvs = list("user.rpc");
    assertThat(kvs).hasSize(1);
    KeyValue kv = kvs.get(0);
    assertThat(kv.getLease()).isEqualTo(registrar.leaseId()).isNotZero();
    assertThat(text(kv.getKey())).isEqualTo("user.rpc/" + kv.getLease());
    assertThat(text(kv.getValue())).isEqualTo("127.0.0.1:8080");
    assertThat(registrar.registeredKey()).isEqualTo(text(kv.getKey()));
    LeaseTimeToLiveResponse ttl = ttl(kv.getLease());
    assertThat(ttl.getGrantedTTL()).isEqualTo(10);
    assertThat(ttl.getTTL()).isBetween(5L, 10L);
  }

  @Test
  void fixedId_isTheKeySuffix() throws Exception {
    start(builder("order.rpc").id(42));
    assertThat(list("order.rpc"))
        .extracting(kv -> text(kv.getKey()))
        .containsExactly("order.rpc/42");
  }

  @Test
  void wildcardListenOn_registersThisMachinesAddress() throws Exception {
    EtcdRegistrar registrar = start(builder("wild.rpc").listenOn("0.0.0.0:9090"));
    String expected = ListenOn.figureOut("0.0.0.0:9090", System::getenv);
    assertThat(registrar.value()).isEqualTo(expected).doesNotStartWith("0.0.0.0");
    assertThat(list("wild.rpc")).extracting(kv -> text(kv.getValue())).containsExactly(expected);
  }

  @Test
  void keepalive_renewsTheLease() throws Exception {
    // 4 s, not go-zero's 10 s, to keep the test short; jetcd renews every TTL/3, so a renewal may
    // be late by up to 2.6 s on a loaded CI machine before the lease lapses (2 s flaked there).
    EtcdRegistrar registrar = start(builder("renew.rpc").ttl(Duration.ofSeconds(4)));
    long lease = registrar.leaseId();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(9);
    while (System.nanoTime() < deadline) { // 2.25 lease lifetimes
      assertThat(ttl(lease).getTTL()).as("lease %d still exists", lease).isNotNegative();
      assertThat(list("renew.rpc")).hasSize(1);
      Thread.sleep(250); // sampling the lease over time, not synchronising
    }
    assertThat(registrar.leaseId()).isEqualTo(lease);
  }

  @Test
  void close_revokesTheLease_keyGoneAtOnce() throws Exception {
    EtcdRegistrar registrar = start(builder("close.rpc"));
    long lease = registrar.leaseId();
    registrar.close();
    assertThat(list("close.rpc")).isEmpty();
    assertThat(ttl(lease).getTTL()).isEqualTo(-1);
  }

  @Test
  void deletedKey_isPutBackUnderTheSameLease() throws Exception {
    EtcdRegistrar registrar = start(builder("delete.rpc"));
    String key = registrar.registeredKey();
    client.getKVClient().delete(bytes(key)).get(5, TimeUnit.SECONDS);
    Eventually.until(WAIT, () -> count("delete.rpc") == 1, () -> "key back: " + key);
    KeyValue kv = list("delete.rpc").get(0);
    assertThat(text(kv.getKey())).isEqualTo(key);
    assertThat(kv.getLease()).isEqualTo(registrar.leaseId());
  }

  @Test
  void revokedLease_registersAgainUnderANewLease() throws Exception {
    EtcdRegistrar registrar = start(builder("revoke.rpc"));
    long old = registrar.leaseId();
    client.getLeaseClient().revoke(old).get(5, TimeUnit.SECONDS);
    Eventually.until(
        WAIT,
        () -> registrar.leaseId() != 0 && registrar.leaseId() != old && count("revoke.rpc") == 1,
        () -> "new lease, key present; lease " + registrar.leaseId());
    KeyValue kv = list("revoke.rpc").get(0);
    assertThat(text(kv.getKey())).isEqualTo("revoke.rpc/" + registrar.leaseId());
    assertThat(text(kv.getValue())).isEqualTo("127.0.0.1:8080");
  }

  @Test
  void abandonedRegistration_keyExpiresWithItsLease() throws Exception {
    EtcdRegistrar registrar = start(builder("crash.rpc").ttl(Duration.ofSeconds(2)));
    registrar.abandon(); // a killed process: no revoke
    assertThat(list("crash.rpc")).as("still there until the lease expires").hasSize(1);
    Eventually.until(Duration.ofSeconds(10), () -> count("crash.rpc") == 0, () -> "expired");
  }

  @Test
  void unreachableEtcd_startFails_namingTheKey() {
    EtcdRegistrar registrar =
        EtcdRegistrar.builder()
            .hosts("127.0.0.1:" + FreePorts.next())
            .key("nowhere.rpc")
            .listenOn("127.0.0.1:8080")
            .build();
    assertThatThrownBy(registrar::start)
        .isInstanceOfSatisfying(
            RegistrationException.class, e -> assertThat(e.key()).isEqualTo("nowhere.rpc"));
    assertThatThrownBy(registrar::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void threads_areNamedZero4jRpc() {
    start(builder("threads.rpc"));
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .anyMatch(name -> name.startsWith("zero4j-rpc-etcd-registrar-"));
  }

  private int count(String key) {
    try {
      return list(key).size();
    } catch (Exception e) {
      return -1;
    }
  }
}
