package io.github.zero4j.rpc.resolver;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** Records what a resolver tells the channel: the latest endpoint set and every error. */
final class RecordingListener extends NameResolver.Listener2 {
  private final AtomicReference<@Nullable Set<String>> latest = new AtomicReference<>();
  final CopyOnWriteArrayList<Status> errors = new CopyOnWriteArrayList<>();
  final CopyOnWriteArrayList<Set<String>> results = new CopyOnWriteArrayList<>();

  @Override
  public void onResult(NameResolver.ResolutionResult result) {
    onResult2(result);
  }

  @Override
  public Status onResult2(NameResolver.ResolutionResult result) {
    Set<String> endpoints = new TreeSet<>();
    for (EquivalentAddressGroup group : result.getAddressesOrError().getValue()) {
      for (SocketAddress address : group.getAddresses()) {
        InetSocketAddress inet = (InetSocketAddress) address;
        endpoints.add(inet.getAddress().getHostAddress() + ":" + inet.getPort());
      }
    }
    results.add(endpoints);
    latest.set(endpoints);
    return Status.OK;
  }

  @Override
  public void onError(Status error) {
    errors.add(error);
  }

  /** The latest endpoint set; null before the first result. */
  @Nullable Set<String> latest() {
    return latest.get();
  }
}
