package io.github.zero4j.benchmarks.rpc;

import io.grpc.Attributes;
import io.grpc.CallOptions;
import io.grpc.ChannelLogger;
import io.grpc.ClientStreamTracer;
import io.grpc.ConnectivityState;
import io.grpc.ConnectivityStateInfo;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.LoadBalancerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of one pick, in ns/op: zero4j's {@code p2c_ewma} picker against grpc-java's {@code
 * round_robin} picker, both built by their real {@link LoadBalancerProvider}s over {@code
 * endpoints} READY subchannels (fake subchannels driven to READY; no network).
 *
 * <ul>
 *   <li>{@code oursP2cPick}: {@code pickSubchannel} (clock read, two draws, two load reads, the
 *       force-pick check; the PickResult with its tracer factory is cached);
 *   <li>{@code oursP2cPickAndTrace}: the pick plus what the channel then does with the picked
 *       result's tracer factory for one call (create the tracer: inflight +1; close it: inflight -1
 *       and the EWMA updates), i.e. the balancer's whole per-call cost;
 *   <li>{@code roundRobinPick}: round_robin's pick (an atomic increment), the baseline.
 * </ul>
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PickerBenchmark -t 1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PickerBenchmark {
  @Param({"3", "32"})
  public int endpoints;

  @SuppressWarnings("NullAway.Init") // set in setUp, before any benchmark method runs
  private Ready p2c;

  @SuppressWarnings("NullAway.Init") // set in setUp, before any benchmark method runs
  private Ready roundRobin;

  @Setup(Level.Trial)
  public void setUp() {
    p2c = Ready.of("p2c_ewma", endpoints);
    roundRobin = Ready.of("round_robin", endpoints);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    p2c.close();
    roundRobin.close();
  }

  @Benchmark
  public LoadBalancer.PickResult oursP2cPick() {
    return p2c.picker.pickSubchannel(ARGS);
  }

  @Benchmark
  public ClientStreamTracer oursP2cPickAndTrace() {
    LoadBalancer.PickResult result = p2c.picker.pickSubchannel(ARGS);
    ClientStreamTracer tracer =
        result.getStreamTracerFactory().newClientStreamTracer(INFO, HEADERS);
    tracer.streamClosed(Status.OK);
    return tracer;
  }

  @Benchmark
  public LoadBalancer.PickResult roundRobinPick() {
    return roundRobin.picker.pickSubchannel(ARGS);
  }

  private static final Metadata HEADERS = new Metadata();
  private static final ClientStreamTracer.StreamInfo INFO =
      ClientStreamTracer.StreamInfo.newBuilder().setCallOptions(CallOptions.DEFAULT).build();
  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          return new byte[0];
        }
      };
  private static final MethodDescriptor<byte[], byte[]> METHOD =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("zero4j.bench.Echo/Call")
          .setRequestMarshaller(BYTES)
          .setResponseMarshaller(BYTES)
          .build();
  private static final LoadBalancer.PickSubchannelArgs ARGS =
      new LoadBalancer.PickSubchannelArgs() {
        @Override
        public CallOptions getCallOptions() {
          return CallOptions.DEFAULT;
        }

        @Override
        public Metadata getHeaders() {
          return HEADERS;
        }

        @Override
        public MethodDescriptor<?, ?> getMethodDescriptor() {
          return METHOD;
        }
      };

  /** A balancer from the registry, its subchannels driven to READY, and its READY picker. */
  private static final class Ready {
    final LoadBalancer.SubchannelPicker picker;
    private final ChannelSide helper;
    private final LoadBalancer balancer;

    private Ready(LoadBalancer.SubchannelPicker picker, ChannelSide helper, LoadBalancer balancer) {
      this.picker = picker;
      this.helper = helper;
      this.balancer = balancer;
    }

    static Ready of(String policy, int endpoints) {
      LoadBalancerProvider provider = LoadBalancerRegistry.getDefaultRegistry().getProvider(policy);
      if (provider == null) {
        throw new IllegalStateException(policy + " is not on the classpath");
      }
      ChannelSide helper = new ChannelSide();
      LoadBalancer balancer = provider.newLoadBalancer(helper);
      List<EquivalentAddressGroup> groups = new ArrayList<>();
      for (int i = 0; i < endpoints; i++) {
        groups.add(new EquivalentAddressGroup(new InetSocketAddress("10.0.0." + (i + 1), 8080)));
      }
      helper.sync.execute(
          () -> {
            balancer.acceptResolvedAddresses(
                LoadBalancer.ResolvedAddresses.newBuilder().setAddresses(groups).build());
            for (FakeSubchannel subchannel : helper.subchannels) {
              subchannel.set(ConnectivityState.CONNECTING);
              subchannel.set(ConnectivityState.READY);
            }
          });
      LoadBalancer.SubchannelPicker picker = helper.picker;
      if (helper.state != ConnectivityState.READY || picker == null) {
        throw new IllegalStateException(policy + " did not become READY: " + helper.state);
      }
      return new Ready(picker, helper, balancer);
    }

    void close() {
      helper.sync.execute(balancer::shutdown);
      helper.scheduler.shutdownNow();
    }
  }

  /** The channel's side of the balancer contract, without a network. */
  private static final class ChannelSide extends LoadBalancer.Helper {
    final SynchronizationContext sync =
        new SynchronizationContext(
            (thread, error) -> {
              throw new IllegalStateException(error);
            });
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final List<FakeSubchannel> subchannels = new ArrayList<>();
    LoadBalancer.@Nullable SubchannelPicker picker;
    ConnectivityState state = ConnectivityState.IDLE;

    @Override
    public LoadBalancer.Subchannel createSubchannel(LoadBalancer.CreateSubchannelArgs args) {
      FakeSubchannel subchannel = new FakeSubchannel(args.getAddresses());
      subchannels.add(subchannel);
      return subchannel;
    }

    @Override
    public void updateBalancingState(
        ConnectivityState newState, LoadBalancer.SubchannelPicker newPicker) {
      state = newState;
      picker = newPicker;
    }

    @Override
    public ManagedChannel createOobChannel(EquivalentAddressGroup eag, String authority) {
      throw new IllegalStateException("the picker benchmark creates no out-of-band channels");
    }

    @Override
    public String getAuthority() {
      return "bench";
    }

    @Override
    public SynchronizationContext getSynchronizationContext() {
      return sync;
    }

    @Override
    public ScheduledExecutorService getScheduledExecutorService() {
      return scheduler;
    }

    @Override
    public void refreshNameResolution() {}

    @Override
    public ChannelLogger getChannelLogger() {
      return SILENT;
    }
  }

  private static final ChannelLogger SILENT =
      new ChannelLogger() {
        @Override
        public void log(ChannelLogLevel level, String message) {}

        @Override
        public void log(ChannelLogLevel level, String messageFormat, Object... args) {}
      };

  private static final class FakeSubchannel extends LoadBalancer.Subchannel {
    private List<EquivalentAddressGroup> addresses;
    private LoadBalancer.@Nullable SubchannelStateListener listener;

    FakeSubchannel(List<EquivalentAddressGroup> addresses) {
      this.addresses = addresses;
    }

    @Override
    public void start(LoadBalancer.SubchannelStateListener listener) {
      this.listener = listener;
    }

    void set(ConnectivityState state) {
      LoadBalancer.SubchannelStateListener current = listener;
      if (current == null) {
        throw new IllegalStateException("subchannel not started");
      }
      current.onSubchannelState(ConnectivityStateInfo.forNonError(state));
    }

    @Override
    public void shutdown() {}

    @Override
    public void requestConnection() {}

    @Override
    public List<EquivalentAddressGroup> getAllAddresses() {
      return addresses;
    }

    @Override
    public void updateAddresses(List<EquivalentAddressGroup> addresses) {
      this.addresses = addresses;
    }

    @Override
    public Attributes getAttributes() {
      return Attributes.EMPTY;
    }

    @Override
    public ChannelLogger getChannelLogger() {
      return SILENT;
    }
  }
}
