package io.github.zero4j.rpc.balancer;

import io.grpc.LoadBalancer.PickResult;
import io.grpc.LoadBalancer.PickSubchannelArgs;
import io.grpc.LoadBalancer.SubchannelPicker;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The picker while every endpoint is failing: each call gets the next child's own result (its
 * connection error), so failures name the endpoints in turn, as round_robin's does. Thread-safe.
 */
final class RotatingPicker extends SubchannelPicker {
  private final List<SubchannelPicker> children;
  private final AtomicInteger next = new AtomicInteger();

  RotatingPicker(List<SubchannelPicker> children) {
    if (children.isEmpty()) {
      throw new IllegalArgumentException("children: [] (expected: at least one child)");
    }
    this.children = List.copyOf(children);
  }

  @Override
  public PickResult pickSubchannel(PickSubchannelArgs args) {
    int index = (next.getAndIncrement() & Integer.MAX_VALUE) % children.size();
    return children.get(index).pickSubchannel(args);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RotatingPicker && ((RotatingPicker) o).children.equals(children);
  }

  @Override
  public int hashCode() {
    return children.hashCode();
  }

  @Override
  public String toString() {
    return "RotatingPicker" + children;
  }
}
