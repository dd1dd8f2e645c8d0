package io.github.zero4j.benchmarks.rpc;

import io.grpc.CallOptions;
import io.grpc.LoadBalancerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * End-to-end comparison of gRPC load-balancing policies on loopback (a main(), not JMH): real gRPC
 * servers, one real channel per policy, {@value #DEFAULT_CALLERS} closed-loop callers (each sends
 * its next unary call as soon as the previous one returns) for a fixed time.
 *
 * <p>Scenarios: {@code one-slow} (3 backends, one adds {@value #SLOW_MILLIS} ms to every reply),
 * {@code half-slow} (4 backends, two slow) and {@code all-healthy} (3 backends). Policies: {@code
 * p2c_ewma} (zero4j), grpc-java's {@code round_robin} and {@code pick_first}, and {@code
 * least_request_experimental} when {@code io.grpc:grpc-xds} is on the classpath (skipped
 * otherwise). All use zero4j's {@code direct:///} resolver.
 *
 * <p>First a JVM warm-up, discarded: every policy for {@value #DEFAULT_JVM_WARM_UP_SECONDS} s on
 * its own channel over three healthy backends. Then each scenario runs every policy once per round,
 * each run on fresh servers and a fresh channel with a {@value #WARM_UP_SECONDS} s warm-up of its
 * own; the order rotates (round {@code r} of the {@code i}-th scenario starts with the {@code (i +
 * r) mod n}-th policy), so no policy is always the first one measured. It prints calls/s,
 * p50/p90/p99 latency and each backend's share of the calls for every run, and with several rounds
 * the median of each figure. pick_first sends everything to the first address in the resolver's
 * (sorted) order; the harness makes the slow backends the last ones so that it shows its best case,
 * as in reference/real-services.md.
 *
 * <pre>
 * java [-Dpicker.rounds=1] [-Dpicker.warmup=10] [-Dpicker.scenarios=one-slow,half-slow,all-healthy]
 *     [-Dpicker.policies=p2c_ewma,round_robin,pick_first,least_request_experimental]
 *     -cp benchmarks/target/benchmarks.jar io.github.zero4j.benchmarks.rpc.PickerHarness \
 *     [seconds per run, default 10] [callers, default 32]
 * </pre>
 *
 * Client and servers share the JVM and the cores, as in a loopback test; compare the policies with
 * each other, not with numbers from another machine.
 */
public final class PickerHarness {
  static final int DEFAULT_SECONDS = 10;
  static final int DEFAULT_CALLERS = 32;

  /** Delay of a slow backend (reference/real-services.md measured the peers with +20 ms). */
  static final long SLOW_MILLIS = 20;

  /** Warm-up before each measured run: connections, the balancer's first samples. */
  static final long WARM_UP_SECONDS = 2;

  /** JVM warm-up per policy before the first scenario (-Dpicker.warmup=seconds). */
  static final int DEFAULT_JVM_WARM_UP_SECONDS = 10;

  private static final List<Scenario> SCENARIOS =
      List.of(
          new Scenario("one-slow", 3, 1),
          new Scenario("half-slow", 4, 2),
          new Scenario("all-healthy", 3, 0));

  private static final String SERVICE = "zero4j.bench.Echo";
  private static final MethodDescriptor.Marshaller<String> STRINGS =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
          return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
  private static final MethodDescriptor<String, String> METHOD =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(SERVICE + "/Call")
          .setRequestMarshaller(STRINGS)
          .setResponseMarshaller(STRINGS)
          .build();

  private PickerHarness() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_SECONDS;
    int callers = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_CALLERS;
    int jvmWarmUp = Integer.getInteger("picker.warmup", DEFAULT_JVM_WARM_UP_SECONDS);
    int rounds = Integer.getInteger("picker.rounds", 1);
    List<String> policies = new ArrayList<>(List.of("p2c_ewma", "round_robin", "pick_first"));
    if (LoadBalancerRegistry.getDefaultRegistry().getProvider("least_request_experimental")
        != null) {
      policies.add("least_request_experimental");
    } else {
      System.out.println(
          "least_request_experimental: not on the classpath (needs io.grpc:grpc-xds)");
    }
    policies.retainAll(selected("picker.policies", policies));
    List<Scenario> scenarios = new ArrayList<>(SCENARIOS);
    List<String> scenarioNames = SCENARIOS.stream().map(Scenario::name).toList();
    scenarios.removeIf(sc -> !selected("picker.scenarios", scenarioNames).contains(sc.name()));
    System.out.printf(
        "%d callers, %d s per run after %d s warm-up, slow = +%d ms, %d cores, %s;"
            + " JVM warm-up %d s per policy, %d round(s)%n",
        callers,
        seconds,
        WARM_UP_SECONDS,
        SLOW_MILLIS,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        jvmWarmUp,
        rounds);
    warmUpJvm(policies, callers, jvmWarmUp);
    for (int s = 0; s < scenarios.size(); s++) {
      scenario(scenarios.get(s), s, rounds, policies, seconds, callers);
    }
  }

  /**
   * The comma-separated names in system property {@code key}, or {@code all} when it is unset;
   * unknown names are an error.
   */
  private static List<String> selected(String key, List<String> all) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      return all;
    }
    List<String> names = List.of(value.split(","));
    for (String name : names) {
      if (!all.contains(name)) {
        throw new IllegalArgumentException(key + ": " + name + " (expected: one of " + all + ")");
      }
    }
    return names;
  }

  /**
   * JIT-compiles the client, server and balancer paths before anything is measured: every policy in
   * turn for {@code seconds} on its own channel over three healthy backends, results discarded.
   * Without it the first measured runs pay for C2 compiling the gRPC, Netty and balancer code.
   */
  private static void warmUpJvm(List<String> policies, int callers, int seconds) throws Exception {
    if (seconds <= 0) {
      return;
    }
    List<Backend> servers = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        servers.add(new Backend());
      }
      String target =
          "direct:///"
              + servers.stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.joining(","));
      for (String policy : policies) {
        ManagedChannel channel =
            ManagedChannelBuilder.forTarget(target)
                .defaultLoadBalancingPolicy(policy)
                .usePlaintext()
                .build();
        try {
          load(channel, callers, TimeUnit.SECONDS.toNanos(seconds));
        } finally {
          channel.shutdownNow();
          channel.awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    } finally {
      for (Backend server : servers) {
        server.close();
      }
    }
  }

  /**
   * Runs every policy {@code rounds} times. Round {@code r} of scenario {@code index} starts with
   * policy {@code (index + r) mod n} and goes on in the usual order, so no policy is always first
   * (the position a run gets depends on what the other helpers on the machine do at that time, and
   * the first run after a scenario change was the least warm); with {@code rounds = n} every policy
   * runs once in every position. Each run has fresh servers and a fresh channel.
   */
  private static void scenario(
      Scenario sc, int index, int rounds, List<String> policies, int seconds, int callers)
      throws Exception {
    System.out.printf("%n== %s: %d backends, %d slow%n", sc.name(), sc.backends(), sc.slow());
    System.out.printf(
        "%-28s %10s %8s %8s %8s  %s%n",
        "policy", "calls/s", "p50 ms", "p90 ms", "p99 ms", "shares");
    Map<String, List<Result>> results = new LinkedHashMap<>(); // first round's order
    for (int r = 0; r < rounds; r++) {
      List<String> order = new ArrayList<>(policies);
      Collections.rotate(order, -((index + r) % policies.size()));
      for (String policy : order) {
        List<Backend> servers = new ArrayList<>();
        try {
          for (int i = 0; i < sc.backends(); i++) {
            servers.add(new Backend());
          }
          // Highest ports last in the resolver's sorted order: those become the slow ones.
          servers.sort(Comparator.comparingInt(Backend::port));
          for (int i = 0; i < sc.backends(); i++) {
            boolean isSlow = i >= sc.backends() - sc.slow();
            servers.get(i).name = (isSlow ? "slow-" : "fast-") + (i + 1);
            servers.get(i).delayMillis = isSlow ? SLOW_MILLIS : 0;
          }
          Result result = run(policy, servers, seconds, callers);
          results.computeIfAbsent(policy, k -> new ArrayList<>()).add(result);
          print(policy, result);
        } finally {
          for (Backend server : servers) {
            server.close();
          }
        }
      }
    }
    if (rounds > 1) {
      System.out.printf("-- %s, median of %d rounds (shares over all rounds)%n", sc.name(), rounds);
      for (Map.Entry<String, List<Result>> entry : results.entrySet()) {
        print(entry.getKey(), Result.median(entry.getValue()));
      }
    }
  }

  private static Result run(String policy, List<Backend> servers, int seconds, int callers)
      throws Exception {
    String target =
        "direct:///"
            + servers.stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.joining(","));
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(target)
            .defaultLoadBalancingPolicy(policy)
            .usePlaintext()
            .build();
    try {
      load(channel, callers, TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS));
      return load(channel, callers, TimeUnit.SECONDS.toNanos(seconds));
    } finally {
      channel.shutdownNow();
      channel.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static void print(String policy, Result result) {
    String shares =
        result.counts.entrySet().stream()
            .map(e -> String.format("%s %.1f%%", e.getKey(), 100.0 * e.getValue() / result.calls()))
            .collect(Collectors.joining(", "));
    System.out.printf(
        "%-28s %10.0f %8.2f %8.2f %8.2f  %s%s%n",
        policy,
        result.callsPerSecond,
        result.p50,
        result.p90,
        result.p99,
        shares,
        result.errors > 0 ? " (errors: " + result.errors + ")" : "");
  }

  private static Result load(ManagedChannel channel, int callers, long nanos) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    LongAdder errors = new LongAdder();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<Histogram>> futures = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      futures.add(
          pool.submit(
              () -> {
                Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
                start.await();
                while (!stop.get()) {
                  long begin = System.nanoTime();
                  try {
                    String name =
                        ClientCalls.blockingUnaryCall(
                            channel,
                            METHOD,
                            CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                            "ping");
                    histogram.recordValue((System.nanoTime() - begin) / 1000);
                    counts.computeIfAbsent(name, k -> new LongAdder()).increment();
                  } catch (StatusRuntimeException e) {
                    errors.increment();
                  }
                }
                return histogram;
              }));
    }
    long begin = System.nanoTime();
    start.countDown();
    TimeUnit.NANOSECONDS.sleep(nanos);
    stop.set(true);
    Histogram total = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    for (Future<Histogram> future : futures) {
      total.add(future.get(30, TimeUnit.SECONDS));
    }
    long elapsed = System.nanoTime() - begin;
    pool.shutdownNow();
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((k, v) -> snapshot.put(k, v.sum()));
    return Result.of(snapshot, total, elapsed, errors.sum());
  }

  /** One run's outcome (or the median of several, see {@link #median}). */
  private static final class Result {
    final Map<String, Long> counts;
    final double callsPerSecond;
    final double p50;
    final double p90;
    final double p99;
    final long errors;

    Result(
        Map<String, Long> counts,
        double callsPerSecond,
        double p50,
        double p90,
        double p99,
        long errors) {
      this.counts = counts;
      this.callsPerSecond = callsPerSecond;
      this.p50 = p50;
      this.p90 = p90;
      this.p99 = p99;
      this.errors = errors;
    }

    static Result of(Map<String, Long> counts, Histogram latency, long nanos, long errors) {
      long calls = counts.values().stream().mapToLong(Long::longValue).sum();
      return new Result(
          counts,
          calls / (nanos / 1e9),
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(90) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          errors);
    }

    /** Each figure's median over the runs (not one run's figures); counts and errors summed. */
    static Result median(List<Result> runs) {
      Map<String, Long> counts = new TreeMap<>();
      long errors = 0;
      for (Result run : runs) {
        run.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
        errors += run.errors;
      }
      return new Result(
          counts,
          median(runs, r -> r.callsPerSecond),
          median(runs, r -> r.p50),
          median(runs, r -> r.p90),
          median(runs, r -> r.p99),
          errors);
    }

    private static double median(List<Result> runs, ToDoubleFunction<Result> figure) {
      double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
      int mid = values.length / 2;
      return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    long calls() {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Backends in one scenario; the last {@code slow} of them add {@link #SLOW_MILLIS}. */
  private record Scenario(String name, int backends, int slow) {}

  /** A loopback gRPC server answering its name after {@code delayMillis}. */
  private static final class Backend implements AutoCloseable {
    private final Server server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    volatile String name = "?";
    volatile long delayMillis;

    Backend() throws IOException {
      ServerServiceDefinition service =
          ServerServiceDefinition.builder(SERVICE)
              .addMethod(
                  METHOD,
                  ServerCalls.asyncUnaryCall(
                      (request, responses) -> {
                        String answer = name;
                        long delay = delayMillis;
                        Runnable reply =
                            () -> {
                              responses.onNext(answer);
                              responses.onCompleted();
                            };
                        if (delay <= 0) {
                          reply.run();
                        } else {
                          timer.schedule(reply, delay, TimeUnit.MILLISECONDS);
                        }
                      }))
              .build();
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .addService(service)
              .directExecutor()
              .build()
              .start();
    }

    int port() {
      return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
      server.shutdownNow();
      timer.shutdownNow();
      server.awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
