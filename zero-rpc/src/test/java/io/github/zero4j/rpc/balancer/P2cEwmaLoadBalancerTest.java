package io.github.zero4j.rpc.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.timex.FakeTicker;
import io.grpc.ConnectivityState;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.LoadBalancerRegistry;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class P2cEwmaLoadBalancerTest {
  private final FakeTicker ticker = new FakeTicker();
  private final FakeHelper helper = new FakeHelper();
  private final LoadBalancer balancer =
      P2cEwmaLoadBalancerProvider.newLoadBalancer(helper, ticker, Draws.threadLocal());

  @AfterEach
  void tearDown() {
    helper.sync.execute(balancer::shutdown);
    helper.close();
  }

  private static EquivalentAddressGroup address(String host) {
    return new EquivalentAddressGroup(new InetSocketAddress(host, 8080));
  }

  private void resolve(String... hosts) {
    List<EquivalentAddressGroup> groups = new ArrayList<>();
    for (String host : hosts) {
      groups.add(address(host));
    }
    helper.sync.execute(
        () -> {
          Status status =
              balancer.acceptResolvedAddresses(
                  LoadBalancer.ResolvedAddresses.newBuilder().setAddresses(groups).build());
          assertThat(status.isOk()).as(status.toString()).isTrue();
        });
  }

  private void set(String host, ConnectivityState state) {
    helper.sync.execute(() -> helper.subchannel(host + ":8080").set(state));
  }

  private Set<String> pickedNames(int picks) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < picks; i++) {
      LoadBalancer.PickResult result = helper.picker().pickSubchannel(Picks.ARGS);
      assertThat(result.getStatus().isOk()).as(result.toString()).isTrue();
      names.add(((FakeSubchannel) result.getSubchannel()).name);
    }
    return names;
  }

  @Test
  void provider_isRegisteredUnderP2cEwma_andTakesNoConfig() {
    LoadBalancerProvider provider =
        LoadBalancerRegistry.getDefaultRegistry().getProvider("p2c_ewma");
    assertThat(provider).isInstanceOf(P2cEwmaLoadBalancerProvider.class);
    assertThat(provider.parseLoadBalancingPolicyConfig(Map.of()).getError()).isNull();
    assertThat(provider.parseLoadBalancingPolicyConfig(Map.of("choiceCount", 3)).getError())
        .isNotNull();
  }

  @Test
  void resolution_createsOneConnectingChildPerEndpoint() {
    resolve("10.0.0.1", "10.0.0.2", "10.0.0.3");
    assertThat(helper.subchannels).hasSize(3);
    assertThat(helper.subchannels).allSatisfy(s -> assertThat(s.connectionRequests).isEqualTo(1));
    assertThat(helper.state).isEqualTo(ConnectivityState.CONNECTING);
    assertThat(helper.picker().pickSubchannel(Picks.ARGS).hasResult()).isFalse();
  }

  @Test
  void readyEndpoints_arePickedOthersNot() {
    resolve("10.0.0.1", "10.0.0.2", "10.0.0.3");
    set("10.0.0.1", ConnectivityState.CONNECTING);
    set("10.0.0.1", ConnectivityState.READY);
    assertThat(helper.state).isEqualTo(ConnectivityState.READY);
    assertThat(pickedNames(50)).containsExactly("10.0.0.1:8080");
    set("10.0.0.2", ConnectivityState.READY);
    assertThat(pickedNames(200)).containsExactlyInAnyOrder("10.0.0.1:8080", "10.0.0.2:8080");
  }

  @Test
  void idleChild_isReconnectedAtOnce_andLeavesThePicker() {
    resolve("10.0.0.1", "10.0.0.2");
    set("10.0.0.1", ConnectivityState.READY);
    set("10.0.0.2", ConnectivityState.READY);
    FakeSubchannel second = helper.subchannel("10.0.0.2:8080");
    int before = second.connectionRequests;
    set("10.0.0.2", ConnectivityState.IDLE);
    assertThat(second.connectionRequests).isEqualTo(before + 1);
    assertThat(pickedNames(50)).containsExactly("10.0.0.1:8080");
  }

  @Test
  void allFailing_transientFailure_withTheChildrensErrors() {
    resolve("10.0.0.1", "10.0.0.2");
    set("10.0.0.1", ConnectivityState.TRANSIENT_FAILURE);
    assertThat(helper.state).as("one still connecting").isEqualTo(ConnectivityState.CONNECTING);
    set("10.0.0.2", ConnectivityState.TRANSIENT_FAILURE);
    assertThat(helper.state).isEqualTo(ConnectivityState.TRANSIENT_FAILURE);
    Status status = helper.picker().pickSubchannel(Picks.ARGS).getStatus();
    assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(status.getDescription()).contains("refused");
    set("10.0.0.2", ConnectivityState.READY);
    assertThat(helper.state).isEqualTo(ConnectivityState.READY);
  }

  @Test
  void stateChangeWithSameReadySet_doesNotRepublish() {
    resolve("10.0.0.1", "10.0.0.2");
    set("10.0.0.1", ConnectivityState.READY);
    int updates = helper.updates;
    set("10.0.0.2", ConnectivityState.CONNECTING);
    assertThat(helper.updates).isEqualTo(updates);
  }

  @Test
  void learnedStats_surviveResolutionChanges_forEndpointsThatStay() {
    resolve("10.0.0.1", "10.0.0.2");
    set("10.0.0.1", ConnectivityState.READY);
    set("10.0.0.2", ConnectivityState.READY);
    P2cPicker before = (P2cPicker) helper.picker();
    EndpointStats first = statsOf(before, "10.0.0.1:8080");
    first.onStreamStart();
    first.onStreamEnd(ticker.read() - 3_000_000, ticker.read(), false);

    resolve("10.0.0.1", "10.0.0.3");
    assertThat(helper.subchannel("10.0.0.1:8080").shutdown).isFalse();
    assertThat(helper.subchannels)
        .filteredOn(s -> s.name.equals("10.0.0.2:8080"))
        .allSatisfy(s -> assertThat(s.shutdown).isTrue());
    P2cPicker after = (P2cPicker) helper.picker();
    assertThat(after.endpointStats()).containsExactly(first);
    assertThat(first.lag()).isEqualTo(3e6);
  }

  @Test
  void reReady_restartsSlowStart() {
    resolve("10.0.0.1", "10.0.0.2");
    set("10.0.0.1", ConnectivityState.READY);
    EndpointStats stats = statsOf((P2cPicker) helper.picker(), "10.0.0.1:8080");
    ticker.advanceNanos(EndpointStats.SLOW_START_NANOS);
    assertThat(stats.ramp(ticker.read())).isEqualTo(1);
    set("10.0.0.1", ConnectivityState.IDLE);
    set("10.0.0.1", ConnectivityState.CONNECTING);
    set("10.0.0.1", ConnectivityState.READY);
    assertThat(stats.ramp(ticker.read())).isEqualTo(EndpointStats.SLOW_START_MIN_RAMP);
  }

  @Test
  void resolverError_whileNothingReady_failsCalls_untilAChildIsReady() {
    resolve("10.0.0.1");
    helper.sync.execute(
        () -> balancer.handleNameResolutionError(Status.UNAVAILABLE.withDescription("dns down")));
    assertThat(helper.state).isEqualTo(ConnectivityState.TRANSIENT_FAILURE);
    assertThat(helper.picker().pickSubchannel(Picks.ARGS).getStatus().getDescription())
        .isEqualTo("dns down");
    set("10.0.0.1", ConnectivityState.CONNECTING);
    assertThat(helper.state).isEqualTo(ConnectivityState.CONNECTING);
    set("10.0.0.1", ConnectivityState.READY);
    assertThat(pickedNames(5)).containsExactly("10.0.0.1:8080");
    helper.sync.execute(() -> balancer.handleNameResolutionError(Status.UNAVAILABLE));
    assertThat(helper.state).as("READY ignores resolver errors").isEqualTo(ConnectivityState.READY);
  }

  @Test
  void shutdown_shutsEverySubchannelDown() {
    resolve("10.0.0.1", "10.0.0.2");
    set("10.0.0.1", ConnectivityState.READY);
    helper.sync.execute(balancer::shutdown);
    assertThat(helper.subchannels).allSatisfy(s -> assertThat(s.shutdown).isTrue());
  }

  @Test
  void emptyResolution_isRejected() {
    helper.sync.execute(
        () -> {
          Status status =
              balancer.acceptResolvedAddresses(
                  LoadBalancer.ResolvedAddresses.newBuilder().setAddresses(List.of()).build());
          assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        });
    assertThat(helper.state).isEqualTo(ConnectivityState.TRANSIENT_FAILURE);
  }

  private static EndpointStats statsOf(P2cPicker picker, String name) {
    return picker.endpointStats().stream()
        .filter(s -> s.address().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + picker));
  }
}
