package io.github.zero4j.rpc.balancer;

import static io.grpc.ConnectivityState.CONNECTING;
import static io.grpc.ConnectivityState.IDLE;
import static io.grpc.ConnectivityState.READY;
import static io.grpc.ConnectivityState.TRANSIENT_FAILURE;

import io.grpc.ConnectivityState;
import io.grpc.EquivalentAddressGroup;
import io.grpc.Status;
import io.grpc.util.MultiChildLoadBalancer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/*
 * The p2c_ewma policy as a grpc-java "petiole" policy, shaped like grpc-java's own round_robin
 * (io.grpc.util.RoundRobinLoadBalancer) and least_request.
 *
 * MultiChildLoadBalancer keeps one child per endpoint (an EquivalentAddressGroup, keyed by its
 * addresses), each child a pick_first balancer that owns the endpoint's subchannel(s), its
 * connection attempts, backoff and sticky TRANSIENT_FAILURE. Children for endpoints that stay in
 * a new resolution are reused, so their EndpointStats (created once per child) survive endpoint-set
 * changes; children for endpoints that left are shut down after the new picker is published.
 *
 * Aggregate state, recomputed on every child state change and every resolution
 * (updateOverallBalancingState, always on the channel's synchronization context):
 *   some child READY          -> READY, a P2cPicker over the READY children;
 *   else some CONNECTING/IDLE -> CONNECTING, a picker that queues calls (no result yet);
 *   else (all failing)        -> TRANSIENT_FAILURE, a picker that fails calls with the
 *                                children's own connection errors, in rotation.
 * A child that goes IDLE (its connection closed) is asked to reconnect at once, as round_robin
 * does: a balancer over a fleet keeps every endpoint connected. A child that (re)enters READY
 * restarts its slow start. A picker equal to the current one (same READY children with the same
 * pickers) is not re-published.
 */

/** The {@code p2c_ewma} load balancer. Not thread-safe: grpc-java calls it serially. */
final class P2cEwmaLoadBalancer extends MultiChildLoadBalancer {
  private final P2cContext context;
  private final Map<Object, String> pendingNames = new HashMap<>();
  private SubchannelPicker currentPicker = new FixedResultPicker(PickResult.withNoResult());

  P2cEwmaLoadBalancer(Helper helper, P2cContext context) {
    super(helper);
    this.context = context;
  }

  @Override
  public Status acceptResolvedAddresses(ResolvedAddresses resolvedAddresses) {
    try {
      return super.acceptResolvedAddresses(resolvedAddresses);
    } finally {
      pendingNames.clear();
    }
  }

  @Override
  protected Map<Object, ResolvedAddresses> createChildAddressesMap(
      ResolvedAddresses resolvedAddresses) {
    Map<Object, ResolvedAddresses> children = super.createChildAddressesMap(resolvedAddresses);
    for (Map.Entry<Object, ResolvedAddresses> child : children.entrySet()) {
      pendingNames.put(child.getKey(), describe(child.getValue().getAddresses()));
    }
    return children;
  }

  @Override
  protected ChildLbState createChildLbState(Object key) {
    String name = pendingNames.get(key);
    return new P2cChild(key, name != null ? name : String.valueOf(key));
  }

  @Override
  protected void updateOverallBalancingState() {
    List<ChildLbState> ready = getReadyChildren();
    if (!ready.isEmpty()) {
      List<P2cPicker.Endpoint> endpoints = new ArrayList<>(ready.size());
      for (ChildLbState child : ready) {
        P2cChild p2c = (P2cChild) child;
        endpoints.add(new P2cPicker.Endpoint(p2c.stats, child.getCurrentPicker(), p2c.tracers));
      }
      publish(READY, new P2cPicker(endpoints, context));
      return;
    }
    boolean connecting = false;
    List<SubchannelPicker> failing = new ArrayList<>();
    for (ChildLbState child : getChildLbStates()) {
      ConnectivityState state = child.getCurrentState();
      if (state == CONNECTING || state == IDLE) {
        connecting = true;
      }
      failing.add(child.getCurrentPicker());
    }
    if (connecting || failing.isEmpty()) {
      publish(CONNECTING, new FixedResultPicker(PickResult.withNoResult()));
    } else {
      publish(TRANSIENT_FAILURE, new RotatingPicker(failing));
    }
  }

  /**
   * A resolver error fails calls only while nothing is READY (as MultiChildLoadBalancer does), but
   * goes through {@link #publish} so that the next child update is compared with what the channel
   * really has.
   */
  @Override
  public void handleNameResolutionError(Status error) {
    if (currentConnectivityState != READY) {
      publish(TRANSIENT_FAILURE, new FixedResultPicker(PickResult.withError(error)));
    }
  }

  @Override
  public void shutdown() {
    context.current(null);
    super.shutdown();
  }

  private void publish(ConnectivityState state, SubchannelPicker picker) {
    if (state == currentConnectivityState && picker.equals(currentPicker)) {
      return;
    }
    currentConnectivityState = state;
    currentPicker = picker;
    context.current(picker instanceof P2cPicker ? (P2cPicker) picker : null);
    getHelper().updateBalancingState(state, picker);
  }

  /** {@code host:port} of each address, joined with {@code |} (the stats log line's name). */
  static String describe(List<EquivalentAddressGroup> groups) {
    StringJoiner names = new StringJoiner("|");
    for (EquivalentAddressGroup group : groups) {
      for (SocketAddress address : group.getAddresses()) {
        if (address instanceof InetSocketAddress) {
          InetSocketAddress inet = (InetSocketAddress) address;
          String host = inet.getHostString();
          names.add((host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort());
        } else {
          names.add(String.valueOf(address));
        }
      }
    }
    return names.toString();
  }

  /** One endpoint's child: pick_first plus the endpoint's stats, which live as long as it. */
  private final class P2cChild extends ChildLbState {
    final EndpointStats stats;
    final EndpointTracerFactory tracers;

    P2cChild(Object key, String name) {
      super(key, pickFirstLbProvider);
      this.stats = new EndpointStats(name, context.ticker().read());
      this.tracers = new EndpointTracerFactory(stats, context);
    }

    @Override
    protected ChildLbStateHelper createChildHelper() {
      return new ChildLbStateHelper() {
        @Override
        public void updateBalancingState(ConnectivityState state, SubchannelPicker picker) {
          if (state == READY && getCurrentState() != READY) {
            stats.markReady(context.ticker().read());
          }
          super.updateBalancingState(state, picker);
          if (state == IDLE && !resolvingAddresses) {
            getLb().requestConnection();
          }
        }
      };
    }
  }
}
