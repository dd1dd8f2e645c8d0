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
 * otherwise). All use zero4j's {@code direct:///} resolver. After a JVM warm-up with every policy,
 * and a {@value #WARM_UP_SECONDS} s warm-up of each run, it prints calls/s, p50/p90/p99 latency and
 * each backend's share of the calls. pick_first sends everything to the first address in the
 * resolver's (sorted) order; the harness makes the slow backends the last ones so that it shows its
 * best case, as in reference/real-services.md.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.zero4j.benchmarks.rpc.PickerHarness \
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

  /** Warm-up before each measured run: JIT, connections, the balancer's first samples. */
  static final long WARM_UP_SECONDS = 2;

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
    List<String> policies = new ArrayList<>(List.of("p2c_ewma", "round_robin", "pick_first"));
    if (LoadBalancerRegistry.getDefaultRegistry().getProvider("least_request_experimental")
        != null) {
      policies.add("least_request_experimental");
    } else {
      System.out.println(
          "least_request_experimental: not on the classpath (needs io.grpc:grpc-xds)");
    }
    System.out.printf(
        "%d callers, %d s per run after %d s warm-up, slow = +%d ms, %d cores, %s%n",
        callers,
        seconds,
        WARM_UP_SECONDS,
        SLOW_MILLIS,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    warmUpJvm(policies, callers);
    // -Dpicker.order=reverse runs the policies last to first (the first run of a JVM is the
    // least warm; reversing shows whether a row owes its numbers to its position).
    if ("reverse".equals(System.getProperty("picker.order"))) {
      Collections.reverse(policies);
    }
    scenario("one-slow", 3, 1, policies, seconds, callers);
    scenario("half-slow", 4, 2, policies, seconds, callers);
    scenario("all-healthy", 3, 0, policies, seconds, callers);
  }

  /** JIT-compiles the client, server and balancer paths before anything is measured. */
  private static void warmUpJvm(List<String> policies, int callers) throws Exception {
    List<Backend> servers = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        servers.add(new Backend());
      }
      for (String policy : policies) {
        String target =
            "direct:///"
                + servers.stream()
                    .map(s -> "127.0.0.1:" + s.port())
                    .collect(Collectors.joining(","));
        ManagedChannel channel =
            ManagedChannelBuilder.forTarget(target)
                .defaultLoadBalancingPolicy(policy)
                .usePlaintext()
                .build();
        try {
          load(channel, callers, TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS));
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

  private static void scenario(
      String name, int backends, int slow, List<String> policies, int seconds, int callers)
      throws Exception {
    System.out.printf("%n== %s: %d backends, %d slow%n", name, backends, slow);
    System.out.printf(
        "%-28s %10s %8s %8s %8s  %s%n",
        "policy", "calls/s", "p50 ms", "p90 ms", "p99 ms", "shares");
    for (String policy : policies) {
      List<Backend> servers = new ArrayList<>();
      try {
        for (int i = 0; i < backends; i++) {
          servers.add(new Backend());
        }
        // Highest ports last in the resolver's sorted order: those become the slow ones.
        servers.sort(Comparator.comparingInt(Backend::port));
        for (int i = 0; i < backends; i++) {
          boolean isSlow = i >= backends - slow;
          servers.get(i).name = (isSlow ? "slow-" : "fast-") + (i + 1);
          servers.get(i).delayMillis = isSlow ? SLOW_MILLIS : 0;
        }
        run(policy, servers, seconds, callers);
      } finally {
        for (Backend server : servers) {
          server.close();
        }
      }
    }
  }

  private static void run(String policy, List<Backend> servers, int seconds, int callers)
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
      Result result = load(channel, callers, TimeUnit.SECONDS.toNanos(seconds));
      Histogram latency = result.latency;
      String shares =
          new TreeMap<>(result.counts)
              .entrySet().stream()
                  .map(
                      e ->
                          String.format(
                              "%s %.1f%%", e.getKey(), 100.0 * e.getValue() / result.calls()))
                  .collect(Collectors.joining(", "));
      System.out.printf(
          "%-28s %10.0f %8.2f %8.2f %8.2f  %s%s%n",
          policy,
          result.calls() / (result.nanos / 1e9),
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(90) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          shares,
          result.errors > 0 ? " (errors: " + result.errors + ")" : "");
    } finally {
      channel.shutdownNow();
      channel.awaitTermination(5, TimeUnit.SECONDS);
    }
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
    return new Result(snapshot, total, elapsed, errors.sum());
  }

  private static final class Result {
    final Map<String, Long> counts;
    final Histogram latency;
    final long nanos;
    final long errors;

    Result(Map<String, Long> counts, Histogram latency, long nanos, long errors) {
      this.counts = counts;
      this.latency = latency;
      this.nanos = nanos;
      this.errors = errors;
    }

    long calls() {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
  }

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
