package io.github.zero4j.rpc.resolver;

import io.grpc.NameResolver;
import io.grpc.SynchronizationContext;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * A fixed endpoint list ({@code direct:///h1:p,h2:p}). Host names are looked up on start and on
 * every {@link #refresh()}. Called by the channel in its synchronization context.
 */
final class DirectNameResolver extends NameResolver {
  private final String target;
  private final List<String> endpoints;
  private final String authority;
  private final SynchronizationContext sync;
  private final Executor blocking;
  private @Nullable AddressPublisher publisher;

  DirectNameResolver(String target, List<String> endpoints, Args args) {
    this.target = target;
    this.endpoints = List.copyOf(endpoints);
    this.authority = endpoints.get(0);
    this.sync = args.getSynchronizationContext();
    this.blocking = Resolvers.blockingExecutor(args);
  }

  @Override
  public String getServiceAuthority() {
    return authority;
  }

  @Override
  public void start(Listener2 listener) {
    if (publisher != null) {
      throw new IllegalStateException(target + ": already started");
    }
    publisher =
        new AddressPublisher(
            target, listener, sync, blocking, ThreadLocalRandom.current().nextLong());
    publisher.publish(endpoints, true);
  }

  @Override
  public void refresh() {
    if (publisher != null) {
      publisher.publish(endpoints, true);
    }
  }

  @Override
  public void shutdown() {
    if (publisher != null) {
      publisher.close();
    }
  }
}
