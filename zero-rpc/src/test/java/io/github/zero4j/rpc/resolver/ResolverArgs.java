package io.github.zero4j.rpc.resolver;

import io.grpc.NameResolver;
import io.grpc.ProxyDetector;
import io.grpc.SynchronizationContext;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/** NameResolver.Args as a channel would pass them. */
final class ResolverArgs {
  private ResolverArgs() {}

  static NameResolver.Args args() {
    return args(
        new SynchronizationContext(
            (thread, error) -> {
              throw new AssertionError(error);
            }),
        null);
  }

  static NameResolver.Args args(
      SynchronizationContext sync, @Nullable ScheduledExecutorService scheduler) {
    return args(sync, scheduler, null);
  }

  static NameResolver.Args args(
      SynchronizationContext sync,
      @Nullable ScheduledExecutorService scheduler,
      @Nullable Executor offload) {
    ProxyDetector noProxy = address -> null;
    NameResolver.Args.Builder builder =
        NameResolver.Args.newBuilder()
            .setDefaultPort(443)
            .setProxyDetector(noProxy)
            .setSynchronizationContext(sync)
            .setServiceConfigParser(
                new NameResolver.ServiceConfigParser() {
                  @Override
                  public NameResolver.ConfigOrError parseServiceConfig(Map<String, ?> rawConfig) {
                    return NameResolver.ConfigOrError.fromConfig(rawConfig);
                  }
                });
    if (scheduler != null) {
      builder.setScheduledExecutorService(scheduler);
    }
    if (offload != null) {
      builder.setOffloadExecutor(offload);
    }
    return builder.build();
  }
}
