package io.github.zero4j.rpc.balancer;

import io.grpc.ChannelLogger;
import io.grpc.ConnectivityState;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.ManagedChannel;
import io.grpc.SynchronizationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/** A channel's side of the balancer contract, recording what the balancer asks for. */
final class FakeHelper extends LoadBalancer.Helper implements AutoCloseable {
  final SynchronizationContext sync =
      new SynchronizationContext(
          (thread, error) -> {
            throw new AssertionError("uncaught in synchronization context", error);
          });
  final List<FakeSubchannel> subchannels = new ArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  @Nullable ConnectivityState state;
  LoadBalancer.@Nullable SubchannelPicker picker;
  int updates;

  @Override
  public LoadBalancer.Subchannel createSubchannel(LoadBalancer.CreateSubchannelArgs args) {
    List<EquivalentAddressGroup> addresses = args.getAddresses();
    FakeSubchannel subchannel =
        new FakeSubchannel(P2cEwmaLoadBalancer.describe(addresses), addresses);
    subchannels.add(subchannel);
    return subchannel;
  }

  /** The live (not shut down) subchannel for {@code name}. */
  FakeSubchannel subchannel(String name) {
    for (FakeSubchannel subchannel : subchannels) {
      if (subchannel.name.equals(name) && !subchannel.shutdown) {
        return subchannel;
      }
    }
    throw new AssertionError("no live subchannel " + name + " in " + subchannels);
  }

  @Override
  public void updateBalancingState(
      ConnectivityState newState, LoadBalancer.SubchannelPicker newPicker) {
    state = newState;
    picker = newPicker;
    updates++;
  }

  LoadBalancer.SubchannelPicker picker() {
    LoadBalancer.SubchannelPicker current = picker;
    if (current == null) {
      throw new AssertionError("no picker published yet");
    }
    return current;
  }

  @Override
  public ManagedChannel createOobChannel(EquivalentAddressGroup eag, String authority) {
    throw new UnsupportedOperationException("createOobChannel");
  }

  @Override
  public String getAuthority() {
    return "test.authority";
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
    return new ChannelLogger() {
      @Override
      public void log(ChannelLogLevel level, String message) {}

      @Override
      public void log(ChannelLogLevel level, String messageFormat, Object... args) {}
    };
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
