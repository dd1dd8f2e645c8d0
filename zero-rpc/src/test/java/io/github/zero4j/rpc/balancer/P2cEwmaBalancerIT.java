package io.github.zero4j.rpc.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.testing.FreePorts;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** p2c_ewma in a real channel against real loopback servers; asserts shares, never timings. */
class P2cEwmaBalancerIT {
  private static final Duration SLOW = Duration.ofMillis(20);
  private static final int CALLERS = 16;

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private EchoBackend backend(String name, Duration delay) {
    EchoBackend backend = EchoBackend.start(name, delay);
    resources.add(backend);
    return backend;
  }

  private ManagedChannel channel(List<EchoBackend> backends) {
    String target =
        "direct:///" + backends.stream().map(EchoBackend::address).collect(Collectors.joining(","));
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(target)
            .defaultLoadBalancingPolicy("p2c_ewma")
            .usePlaintext()
            .build();
    resources.add(channel::shutdownNow);
    return channel;
  }

  /** {@code callers} threads calling back to back until {@code calls} calls completed. */
  private static Map<String, Integer> closedLoop(ManagedChannel channel, int callers, int calls)
      throws Exception {
    Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    AtomicInteger remaining = new AtomicInteger(calls);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  while (remaining.getAndDecrement() > 0) {
                    counts
                        .computeIfAbsent(EchoBackend.call(channel), k -> new LongAdder())
                        .increment();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return counts.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().intValue()));
  }

  private static double share(Map<String, Integer> counts, String... names) {
    double total = counts.values().stream().mapToInt(Integer::intValue).sum();
    double part = 0;
    for (String name : names) {
      part += counts.getOrDefault(name, 0);
    }
    return part / total;
  }

  @Test
  void oneSlowBackendOfThree_getsUnderTwoPercentAfterWarmUp() throws Exception {
    List<EchoBackend> backends =
        List.of(
            backend("fast-1", Duration.ZERO),
            backend("fast-2", Duration.ZERO),
            backend("slow", SLOW));
    ManagedChannel channel = channel(backends);
    closedLoop(channel, CALLERS, 500); // warm-up: connections, first samples

    Map<String, Integer> counts = closedLoop(channel, CALLERS, 4_000);

    // A mixed pair goes to the fast endpoint; the slow one gets its 1 s force-pick probes only.
    assertThat(share(counts, "slow")).as(counts.toString()).isLessThan(0.02);
    assertThat(share(counts, "fast-1")).as(counts.toString()).isGreaterThan(0.25);
    assertThat(share(counts, "fast-2")).as(counts.toString()).isGreaterThan(0.25);
  }

  @Test
  void halfTheFleetSlow_slowHalfGetsASmallShare() throws Exception {
    // Best-of-2 alone draws a slow/slow pair 1/6 of the time here and go-zero sends those calls to
    // a slow backend: at least 16.7 % of the calls. The re-draw keeps the slow half well below.
    List<EchoBackend> backends =
        List.of(
            backend("fast-1", Duration.ZERO),
            backend("fast-2", Duration.ZERO),
            backend("slow-1", SLOW),
            backend("slow-2", SLOW));
    ManagedChannel channel = channel(backends);
    closedLoop(channel, CALLERS, 500);

    Map<String, Integer> counts = closedLoop(channel, CALLERS, 4_000);

    assertThat(share(counts, "slow-1", "slow-2")).as(counts.toString()).isLessThan(0.10);
  }

  @Test
  void serviceConfig_selectsThePolicy() throws Exception {
    List<EchoBackend> backends =
        List.of(backend("a", Duration.ZERO), backend("b", Duration.ZERO), backend("c", SLOW));
    String target =
        "direct:///" + backends.stream().map(EchoBackend::address).collect(Collectors.joining(","));
    Map<String, Object> config =
        Map.of("loadBalancingConfig", List.of(Map.of("p2c_ewma", Map.of())));
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(target).defaultServiceConfig(config).usePlaintext().build();
    resources.add(channel::shutdownNow);
    closedLoop(channel, CALLERS, 500);
    Map<String, Integer> counts = closedLoop(channel, CALLERS, 2_000);
    assertThat(counts.keySet()).contains("a", "b");
    // round_robin (the alternative a channel would use) gives c a third.
    assertThat(share(counts, "c")).as(counts.toString()).isLessThan(0.20);
  }

  @Test
  void noBackendReachable_failsFastWithUnavailable() {
    int closedPort = FreePorts.next();
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget("direct:///127.0.0.1:" + closedPort)
            .defaultLoadBalancingPolicy("p2c_ewma")
            .usePlaintext()
            .build();
    resources.add(channel::shutdownNow);
    assertThatThrownBy(() -> EchoBackend.call(channel))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void backendStops_callsGoToTheOthers() throws Exception {
    EchoBackend stays = backend("stays", Duration.ZERO);
    EchoBackend leaves = EchoBackend.start("leaves");
    ManagedChannel channel = channel(List.of(stays, leaves));
    Map<String, Integer> both = closedLoop(channel, 4, 400);
    assertThat(both.keySet()).containsExactlyInAnyOrder("stays", "leaves");

    leaves.close();
    int failures = 0;
    for (int i = 0; i < 20 && failures < 20; i++) {
      try {
        EchoBackend.call(channel); // the first calls may race the connection's close
      } catch (StatusRuntimeException e) {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        failures++;
      }
    }
    Map<String, Integer> alone = closedLoop(channel, 4, 200);
    assertThat(alone.keySet()).containsExactly("stays");
  }
}
