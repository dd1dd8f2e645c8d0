package io.github.zero4j.rpc.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubsetTest {

  private static List<HostAndPort> endpoints(int count) {
    List<HostAndPort> endpoints = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      endpoints.add(HostAndPort.parse("10.0." + (i / 250) + "." + (i % 250) + ":8080", "test"));
    }
    return endpoints;
  }

  @Test
  void fewerThanTheSize_keepsAll_sorted() {
    List<HostAndPort> all = endpoints(5);
    List<HostAndPort> reversed = new ArrayList<>(all);
    java.util.Collections.reverse(reversed);
    assertThat(Subset.of(reversed, 32, 42)).containsExactlyElementsOf(all);
  }

  @Test
  void manyEndpoints_keeps32() {
    assertThat(Subset.of(endpoints(300), Subset.DEFAULT_SIZE, 42))
        .hasSize(32)
        .doesNotHaveDuplicates();
  }

  @Test
  void oneEndpointJoins_subsetChangesByAtMostOne() {
    List<HostAndPort> all = endpoints(300);
    Set<HostAndPort> before = new HashSet<>(Subset.of(all, 32, 7));
    all.add(HostAndPort.parse("10.9.9.9:8080", "test"));
    Set<HostAndPort> after = new HashSet<>(Subset.of(all, 32, 7));
    after.removeAll(before);
    assertThat(after).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void oneEndpointLeaves_onlyItIsReplaced() {
    List<HostAndPort> all = endpoints(300);
    List<HostAndPort> before = Subset.of(all, 32, 7);
    all.remove(before.get(3));
    Set<HostAndPort> after = new HashSet<>(Subset.of(all, 32, 7));
    Set<HostAndPort> kept = new HashSet<>(before);
    kept.retainAll(after);
    assertThat(kept).hasSize(31);
  }

  @Test
  void differentClients_differentSubsets_spreadOverTheFleet() {
    List<HostAndPort> all = endpoints(300);
    Set<HostAndPort> covered = new HashSet<>();
    for (long seed = 0; seed < 50; seed++) {
      covered.addAll(Subset.of(all, 32, seed * 0x9E3779B97F4A7C15L));
    }
    assertThat(covered.size()).isGreaterThan(280);
  }
}
