package io.github.zero4j.rpc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.breaker.BreakerRegistry;
import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.rpc.interceptor.RpcClientInterceptors;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.LoadBalancerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC client with go-zero's zRPC behaviour: it dials the target {@link
 * RpcClientConf#buildTarget()} builds ({@code direct:///...} from {@code Endpoints}, {@code Target}
 * as given, {@code etcd:///...?key=} from {@code Etcd}), balances with {@code p2c_ewma} by default
 * and runs every call through go-zero's client interceptors.
 *
 * <pre>{@code
 * RpcClient client = RpcClient.create(conf.usercenterRpcConf());
 * UserGrpc.UserBlockingStub users = UserGrpc.newBlockingStub(client.channel());
 * User user = users.get(GetUserRequest.newBuilder().setId(id).build());
 * client.close();
 * }</pre>
 *
 * <p><b>Interceptors</b>, outermost first (see {@link RpcClientInterceptors}): trace, duration,
 * metrics, breaker, timeout, then {@code app}/{@code token} metadata when both are configured, then
 * the builder's own interceptors in the order they were added. Duration, metrics, breaker and
 * timeout apply to unary calls only, as in go-zero.
 *
 * <p><b>Deadlines.</b> A call's deadline is the earliest of the stub's ({@code withDeadlineAfter}),
 * the caller's {@link io.grpc.Context} deadline (see {@link Deadlines}) and now + {@code Timeout}.
 *
 * <p><b>Breaker.</b> A call the breaker drops fails at once, without a network call, with {@code
 * StatusRuntimeException} {@code UNAVAILABLE: circuit breaker is open} whose cause is a {@link
 * io.github.zero4j.core.breaker.BreakerOpenException}.
 *
 * <p>Thread-safety: thread-safe; share one client per target.
 */
public final class RpcClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);

  /** go-zero's client slow-call threshold: 500 ms ({@code SetClientSlowThreshold} changes it). */
  public static final Duration DEFAULT_SLOW_THRESHOLD = Duration.ofMillis(500);

  /** How long a blocking client ({@code NonBlock: false}) waits for a server (go-zero: 3 s). */
  static final Duration DIAL_TIMEOUT = Duration.ofSeconds(3);

  /** How long {@link #close()} lets calls in flight finish before cancelling them. */
  static final Duration CLOSE_GRACE_PERIOD = Duration.ofSeconds(5);

  private final String target;
  private final ManagedChannel managed;
  private final Channel channel;

  private RpcClient(Builder builder) {
    RpcClientConf conf = builder.conf;
    this.target = conf.buildTarget();
    NettyChannelBuilder netty =
        NettyChannelBuilder.forTarget(target)
            .usePlaintext()
            .defaultLoadBalancingPolicy(conf.balancerName());
    conf.keepaliveTime()
        .ifPresent(time -> netty.keepAliveTime(time.toNanos(), TimeUnit.NANOSECONDS));
    builder.customizer.accept(netty);
    this.managed = netty.build();
    List<ClientInterceptor> chain = builtIns(builder);
    chain.addAll(builder.interceptors);
    this.channel = ClientInterceptors.interceptForward(managed, chain);
  }

  /** go-zero's unary chain, outermost first: trace, duration, prometheus, breaker, timeout. */
  private List<ClientInterceptor> builtIns(Builder builder) {
    RpcClientConf conf = builder.conf;
    RpcClientConf.MiddlewaresConf middlewares = conf.middlewares();
    List<ClientInterceptor> chain = new ArrayList<>();
    if (middlewares.trace()) {
      chain.add(RpcClientInterceptors.tracing(builder.tracing));
    }
    if (middlewares.duration()) {
      chain.add(RpcClientInterceptors.duration(target, builder.slowThreshold));
    }
    if (middlewares.prometheus()) {
      chain.add(RpcClientInterceptors.metrics(ZeroMeters.of(builder.meterRegistry)));
    }
    if (middlewares.breaker()) {
      BreakerRegistry breakers = builder.breakerRegistry;
      chain.add(
          RpcClientInterceptors.breaker(
              breakers != null ? breakers : BreakerRegistry.create(), target));
    }
    if (middlewares.timeout() && !conf.timeout().isZero()) {
      chain.add(RpcClientInterceptors.timeout(conf.timeout()));
    }
    if (!conf.app().isEmpty() && !conf.token().isEmpty()) {
      chain.add(RpcClientInterceptors.appToken(conf.app(), conf.token()));
    }
    return chain;
  }

  /** A client with everything from {@code conf}: {@code builder(conf).build()}. */
  public static RpcClient create(RpcClientConf conf) {
    return builder(conf).build();
  }

  /** A builder for a client configured by {@code conf}. */
  public static Builder builder(RpcClientConf conf) {
    return new Builder(conf);
  }

  /** The channel to give to generated stubs; calls on it run through the interceptors. */
  public Channel channel() {
    return channel;
  }

  /** The gRPC target dialled, e.g. {@code etcd:///127.0.0.1:2379?key=user.rpc}. */
  public String target() {
    return target;
  }

  /**
   * Shuts the channel down: new calls fail, calls in flight get up to 5 s, then are cancelled.
   * Idempotent.
   */
  @Override
  public void close() {
    managed.shutdown();
    try {
      if (!managed.awaitTermination(CLOSE_GRACE_PERIOD.toNanos(), TimeUnit.NANOSECONDS)) {
        managed.shutdownNow();
      }
    } catch (InterruptedException e) {
      managed.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "RpcClient{" + target + "}";
  }

  /** Waits until the channel is READY; go-zero's blocking dial. */
  private void awaitReady(String service) {
    Ticker ticker = Ticker.system();
    long deadline = ticker.read() + DIAL_TIMEOUT.toNanos();
    ConnectivityState state = managed.getState(true);
    try {
      while (state != ConnectivityState.READY) {
        long left = deadline - ticker.read();
        if (state == ConnectivityState.SHUTDOWN || left <= 0) {
          break;
        }
        CountDownLatch changed = new CountDownLatch(1);
        managed.notifyWhenStateChanged(state, changed::countDown);
        changed.await(left, TimeUnit.NANOSECONDS);
        state = managed.getState(true);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (state != ConnectivityState.READY) {
      managed.shutdownNow();
      throw new RpcDialException(
          target,
          "rpc dial: "
              + target
              + ", error: "
              + state
              + " after "
              + DIAL_TIMEOUT
              + ", make sure rpc service \""
              + service
              + "\" is already started");
    }
  }

  /** Builds an {@link RpcClient}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final RpcClientConf conf;
    private final List<ClientInterceptor> interceptors = new ArrayList<>();
    private Tracing tracing = Tracing.global();
    private MeterRegistry meterRegistry = Metrics.globalRegistry;
    private @Nullable BreakerRegistry breakerRegistry;
    private Duration slowThreshold = DEFAULT_SLOW_THRESHOLD;
    private Consumer<NettyChannelBuilder> customizer = netty -> {};

    private Builder(RpcClientConf conf) {
      this.conf = requireNonNull(conf, "conf");
      if (conf.endpoints().isEmpty() && conf.target().isBlank()) {
        conf.etcd().ifPresent(EtcdConf::requireSupported);
      }
      if (LoadBalancerRegistry.getDefaultRegistry().getProvider(conf.balancerName()) == null) {
        throw new IllegalArgumentException(
            "BalancerName: '"
                + conf.balancerName()
                + "' (expected: a registered policy such as p2c_ewma, round_robin, pick_first)");
      }
    }

    /** Adds an interceptor for every call, inside the built-ins and the ones added before. */
    public Builder interceptor(ClientInterceptor interceptor) {
      interceptors.add(requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /** Adds an interceptor for unary calls (go-zero's {@code WithUnaryClientInterceptor}). */
    public Builder unaryInterceptor(ClientInterceptor interceptor) {
      return interceptor(RpcClientInterceptors.unaryOnly(interceptor));
    }

    /** Adds an interceptor for streaming calls (go-zero's {@code WithStreamClientInterceptor}). */
    public Builder streamInterceptor(ClientInterceptor interceptor) {
      return interceptor(RpcClientInterceptors.streamOnly(interceptor));
    }

    /** Where spans go; {@link Tracing#global()} by default. */
    public Builder tracing(Tracing tracing) {
      this.tracing = requireNonNull(tracing, "tracing");
      return this;
    }

    /** Where {@code rpc_client_*} metrics go; Micrometer's global registry by default. */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = requireNonNull(meterRegistry, "meterRegistry");
      return this;
    }

    /**
     * The registry of the per-method breakers; by default a new one owned by this client, with
     * go-zero's breaker defaults.
     */
    public Builder breakerRegistry(BreakerRegistry breakerRegistry) {
      this.breakerRegistry = requireNonNull(breakerRegistry, "breakerRegistry");
      return this;
    }

    /** Successful calls slower than this are logged; {@link #DEFAULT_SLOW_THRESHOLD} (500 ms). */
    public Builder slowThreshold(Duration slowThreshold) {
      requireNonNull(slowThreshold, "slowThreshold");
      if (slowThreshold.isNegative()) {
        throw new IllegalArgumentException("slowThreshold: " + slowThreshold + " (expected: >= 0)");
      }
      this.slowThreshold = slowThreshold;
      return this;
    }

    /**
     * Adjusts grpc-java's channel builder before the channel is built: TLS instead of plaintext,
     * message size limits, an executor (go-zero's {@code WithDialOption}).
     */
    public Builder customize(Consumer<NettyChannelBuilder> customizer) {
      this.customizer = requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Builds the client. With {@code NonBlock: true} (the default) it starts connecting and returns
     * at once; with {@code false} it waits up to 3 s for a ready server.
     *
     * @throws IllegalArgumentException when the target is malformed
     * @throws RpcDialException when {@code NonBlock} is false and no server got ready in time
     */
    public RpcClient build() {
      RpcClient client = new RpcClient(this);
      if (conf.nonBlock()) {
        client.managed.getState(true);
      } else {
        client.awaitReady(conf.etcd().map(EtcdConf::key).orElse(client.target));
      }
      LOG.debug("rpc client for {} built", client.target);
      return client;
    }
  }
}
