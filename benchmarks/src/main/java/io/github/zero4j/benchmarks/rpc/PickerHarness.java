package io.github.zero4j.benchmarks.rpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.LoadBalancerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * End-to-end comparison of gRPC load-balancing policies on loopback (a main(), not JMH): real gRPC
 * servers, one real channel per policy, {@value #DEFAULT_CALLERS} closed-loop callers (each sends
 * its next unary call as soon as the previous one returns) for a fixed time.
 *
 * <p>The callers are asynchronous (see {@link ClosedLoop}): a call's completion issues that
 * caller's next call on the thread that completed it. The channel has a direct executor and one
 * event loop thread for all its connections, and each backend handles its calls on an event loop
 * thread of its own, slow replies included (scheduled on that loop). So a call costs the client's,
 * the balancer's and the server's work, not thread wake-ups and hand-offs, and the policies are
 * compared on what they do differently.
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
 * p50/p90/p99 latency, the process's CPU time per call (client and servers together, in µs) and
 * each backend's share of the calls for every run, and with several rounds the median of each
 * figure. pick_first sends everything to the first address in the resolver's (sorted) order; the
 * harness makes the slow backends the last ones so that it shows its best case, as in
 * reference/real-services.md.
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

  private static final boolean EPOLL = Epoll.isAvailable();

  /**
   * The client's one event loop, shared by every channel (one at a time): all its connections,
   * their callbacks and, through them, every call the callers issue run on this thread, so issuing
   * a call never hands it to another thread. Daemon: the JVM exits after main.
   */
  private static final EventLoopGroup CLIENT_LOOP = eventLoop("harness-client");

  private static EventLoopGroup eventLoop(String name) {
    DefaultThreadFactory threads = new DefaultThreadFactory(name, true);
    return EPOLL ? new EpollEventLoopGroup(1, threads) : new NioEventLoopGroup(1, threads);
  }

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
        ManagedChannel channel = channel(target, policy);
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
        "%-28s %10s %8s %8s %8s %8s  %s%n",
        "policy", "calls/s", "p50 ms", "p90 ms", "p99 ms", "cpu us", "shares");
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
    ManagedChannel channel = channel(target, policy);
    try {
      load(channel, callers, TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS));
      return load(channel, callers, TimeUnit.SECONDS.toNanos(seconds));
    } finally {
      channel.shutdownNow();
      channel.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /**
   * A channel over {@code target} with {@code policy} on {@link #CLIENT_LOOP}. Direct executor: a
   * call's callbacks run on that event loop, which issues the caller's next call (see {@link
   * ClosedLoop}); the picker runs on whichever thread starts a call either way. The channel's timer
   * (each call's deadline) is that loop too, so arming and cancelling it stays on the thread.
   */
  private static ManagedChannel channel(String target, String policy) {
    return NettyChannelBuilder.forTarget(target)
        .eventLoopGroup(CLIENT_LOOP)
        .channelType(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
        .defaultLoadBalancingPolicy(policy)
        .usePlaintext()
        .directExecutor()
        .build();
  }

  private static void print(String policy, Result result) {
    String shares =
        result.counts.entrySet().stream()
            .map(e -> String.format("%s %.1f%%", e.getKey(), 100.0 * e.getValue() / result.calls()))
            .collect(Collectors.joining(", "));
    System.out.printf(
        "%-28s %10.0f %8.2f %8.2f %8.2f %8.1f  %s%s%n",
        policy,
        result.callsPerSecond,
        result.p50,
        result.p90,
        result.p99,
        result.cpuMicrosPerCall,
        shares,
        result.errors > 0 ? " (errors: " + result.errors + ")" : "");
  }

  /**
   * Runs {@code callers} closed-loop callers on {@code channel} for {@code nanos}, then stops them
   * and waits for their last calls; the result covers every call completed up to then.
   */
  private static Result load(ManagedChannel channel, int callers, long nanos)
      throws InterruptedException {
    ClosedLoop loop = new ClosedLoop(channel, callers);
    long cpuBegin = processCpuNanos();
    long begin = System.nanoTime();
    loop.start();
    TimeUnit.NANOSECONDS.sleep(nanos);
    loop.stop();
    if (!loop.awaitDrained(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "callers: " + loop.running() + " of " + callers + " still in a call 30 s after stop");
    }
    long elapsed = System.nanoTime() - begin;
    long cpu = processCpuNanos() - cpuBegin;
    return loop.result(elapsed, cpu);
  }

  /**
   * {@code callers} asynchronous callers, each with exactly one unary call in flight: a call's
   * completion (on the thread that completes it, a transport event loop with the channel's direct
   * executor) records it and issues that caller's next call, so no thread is woken per call. After
   * {@link #stop} no call is issued; each caller counts down once its last call has completed.
   */
  private static final class ClosedLoop {
    private final ManagedChannel channel;
    private final List<Caller> callers = new ArrayList<>();
    private final CountDownLatch drained;
    private volatile boolean stopped;

    ClosedLoop(ManagedChannel channel, int callers) {
      this.channel = channel;
      this.drained = new CountDownLatch(callers);
      for (int i = 0; i < callers; i++) {
        this.callers.add(new Caller());
      }
    }

    /**
     * Issues every caller's first call on {@link #CLIENT_LOOP}, not on the calling thread: a call
     * that fails inside start() (a channel with no usable backend) makes its caller issue the next
     * one at once, and the main thread must stay free to stop the run.
     */
    void start() {
      for (Caller caller : callers) {
        CLIENT_LOOP.execute(caller::next);
      }
    }

    void stop() {
      stopped = true;
    }

    boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException {
      return drained.await(timeout, unit);
    }

    long running() {
      return drained.getCount();
    }

    /**
     * Call only after {@link #awaitDrained} returned true (the latch orders the callers' writes).
     */
    Result result(long nanos, long cpuNanos) {
      Histogram total = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
      Map<String, Long> counts = new TreeMap<>();
      long errors = 0;
      for (Caller caller : callers) {
        total.add(caller.latency);
        caller.counts.forEach((name, n) -> counts.merge(name, n[0], Long::sum));
        errors += caller.errors;
      }
      return Result.of(counts, total, nanos, cpuNanos, errors);
    }

    /**
     * One caller. Its fields are only touched by the thread handling its current call; successive
     * calls are ordered by the channel (a call's callbacks happen after its start, which happens
     * after the previous call's onClose).
     */
    private final class Caller extends ClientCall.Listener<String> {
      final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
      final Map<String, long[]> counts = new HashMap<>();
      long errors;

      /**
       * Issues pending: a completion that arrives while this caller is still inside {@link #next}
       * (a call that fails inside start(), e.g. rejected at once) only increments it, and the
       * thread already in next() issues the call, so failures never recurse down the stack.
       */
      private final AtomicInteger pending = new AtomicInteger();

      private long begin;
      private @Nullable String answer;

      void next() {
        if (pending.getAndIncrement() != 0) {
          return;
        }
        do {
          if (stopped) {
            drained.countDown();
            return; // pending stays above 0: a late completion cannot issue again
          }
          issue();
        } while (pending.decrementAndGet() != 0);
      }

      private void issue() {
        answer = null;
        begin = System.nanoTime();
        ClientCall<String, String> call =
            channel.newCall(METHOD, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
        call.start(this, new Metadata());
        call.request(2); // as ClientCalls does for a unary call: a second message is an error
        call.sendMessage("ping");
        call.halfClose();
      }

      @Override
      public void onMessage(String message) {
        answer = message;
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        long micros = (System.nanoTime() - begin) / 1000;
        String name = answer;
        if (status.isOk() && name != null) {
          latency.recordValue(micros);
          counts.computeIfAbsent(name, k -> new long[1])[0]++;
        } else {
          errors++;
        }
        next();
      }
    }
  }

  /** CPU time used so far by every thread of this JVM, in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** One run's outcome (or the median of several, see {@link #median}). */
  private static final class Result {
    final Map<String, Long> counts;
    final double callsPerSecond;
    final double p50;
    final double p90;
    final double p99;
    final double cpuMicrosPerCall;
    final long errors;

    Result(
        Map<String, Long> counts,
        double callsPerSecond,
        double p50,
        double p90,
        double p99,
        double cpuMicrosPerCall,
        long errors) {
      this.counts = counts;
      this.callsPerSecond = callsPerSecond;
      this.p50 = p50;
      this.p90 = p90;
      this.p99 = p99;
      this.cpuMicrosPerCall = cpuMicrosPerCall;
      this.errors = errors;
    }

    /**
     * @param cpuNanos the process's CPU time over the measured window (client, servers, GC and JIT
     *     threads alike)
     */
    static Result of(
        Map<String, Long> counts, Histogram latency, long nanos, long cpuNanos, long errors) {
      long calls = counts.values().stream().mapToLong(Long::longValue).sum();
      return new Result(
          counts,
          calls / (nanos / 1e9),
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(90) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          calls == 0 ? 0 : cpuNanos / 1000.0 / calls,
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
          median(runs, r -> r.cpuMicrosPerCall),
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

  /**
   * A loopback gRPC server answering its name after {@code delayMillis}, on one event loop thread
   * of its own: the handler runs on that loop (direct executor; it never blocks) and a slow reply
   * is scheduled on the same loop, so no call changes threads inside the server.
   */
  private static final class Backend implements AutoCloseable {
    private final EventLoopGroup loop;
    private final Server server;
    volatile String name = "?";
    volatile long delayMillis;

    Backend() throws IOException {
      loop = eventLoop("harness-server");
      EventLoop executor = loop.next(); // the only one: every connection and handler runs here
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
                          executor.schedule(reply, delay, TimeUnit.MILLISECONDS);
                        }
                      }))
              .build();
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .bossEventLoopGroup(loop)
              .workerEventLoopGroup(loop)
              .channelType(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
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
      server.awaitTermination(5, TimeUnit.SECONDS);
      loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
    }
  }
}
