package io.github.zero4j.rpc.balancer;

import io.grpc.Attributes;
import io.grpc.ConnectivityState;
import io.grpc.ConnectivityStateInfo;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.Status;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A subchannel whose connectivity the test drives by hand. */
final class FakeSubchannel extends LoadBalancer.Subchannel {
  final String name;
  private List<EquivalentAddressGroup> addresses;
  private LoadBalancer.@Nullable SubchannelStateListener listener;
  int connectionRequests;
  boolean shutdown;

  FakeSubchannel(String name) {
    this(name, List.of());
  }

  FakeSubchannel(String name, List<EquivalentAddressGroup> addresses) {
    this.name = name;
    this.addresses = addresses;
  }

  @Override
  public void start(LoadBalancer.SubchannelStateListener listener) {
    this.listener = listener;
  }

  void set(ConnectivityState state) {
    LoadBalancer.SubchannelStateListener current = listener;
    if (current == null) {
      throw new IllegalStateException(name + " not started");
    }
    current.onSubchannelState(
        state == ConnectivityState.TRANSIENT_FAILURE
            ? ConnectivityStateInfo.forTransientFailure(
                Status.UNAVAILABLE.withDescription(name + " refused"))
            : ConnectivityStateInfo.forNonError(state));
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public void requestConnection() {
    connectionRequests++;
  }

  @Override
  public List<EquivalentAddressGroup> getAllAddresses() {
    return addresses;
  }

  @Override
  public void updateAddresses(List<EquivalentAddressGroup> addresses) {
    this.addresses = List.copyOf(addresses);
  }

  @Override
  public Attributes getAttributes() {
    return Attributes.EMPTY;
  }

  @Override
  public String toString() {
    return name;
  }
}
