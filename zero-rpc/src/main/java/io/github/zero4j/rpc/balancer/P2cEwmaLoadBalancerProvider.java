package io.github.zero4j.rpc.balancer;

import io.github.zero4j.core.timex.Ticker;
import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.NameResolver.ConfigOrError;
import io.grpc.Status;
import java.util.Map;

/**
 * Provides the {@value #POLICY_NAME} load-balancing policy: go-zero's power-of-two-choices picker
 * over a per-endpoint latency EWMA (10 s decay by elapsed time), with go-zero's success-rate health
 * filter and 1 s force-pick, plus re-draws away from slow pairs, slow start for new endpoints and
 * statistics that survive endpoint-set changes.
 *
 * <p>Registered through {@code META-INF/services/io.grpc.LoadBalancerProvider}, so any grpc-java
 * channel can select it:
 *
 * <pre>{@code
 * ManagedChannel channel =
 *     ManagedChannelBuilder.forTarget("direct:///10.0.0.1:8080,10.0.0.2:8080")
 *         .defaultLoadBalancingPolicy("p2c_ewma") // or service config
 *         .usePlaintext()                          // {"loadBalancingConfig":[{"p2c_ewma":{}}]}
 *         .build();
 * }</pre>
 *
 * <p>The policy takes no configuration: its service-config object must be empty. It logs {@code p2c
 * - conn: <addr>, load: <load>, reqs: <n>; ...} at INFO once a minute per channel (logger {@code
 * io.github.zero4j.rpc.balancer.P2cEwmaLoadBalancerProvider}). Thread-safe.
 */
public final class P2cEwmaLoadBalancerProvider extends LoadBalancerProvider {
  /** The policy name, as in go-zero ({@code BalancerName} default). */
  public static final String POLICY_NAME = "p2c_ewma";

  /** round_robin's priority; there is no other provider of this name to outrank. */
  private static final int PRIORITY = 5;

  private static final Object CONFIG = new Object();

  /** Called by {@link java.util.ServiceLoader}. */
  public P2cEwmaLoadBalancerProvider() {}

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public int getPriority() {
    return PRIORITY;
  }

  @Override
  public String getPolicyName() {
    return POLICY_NAME;
  }

  @Override
  public LoadBalancer newLoadBalancer(LoadBalancer.Helper helper) {
    return newLoadBalancer(helper, Ticker.system(), Draws.threadLocal());
  }

  /** Test hook: a balancer on a hand-driven clock and scripted randomness. */
  static LoadBalancer newLoadBalancer(LoadBalancer.Helper helper, Ticker ticker, Draws draws) {
    return new P2cEwmaLoadBalancer(helper, new P2cContext(ticker, draws));
  }

  @Override
  public ConfigOrError parseLoadBalancingPolicyConfig(Map<String, ?> rawConfig) {
    if (!rawConfig.isEmpty()) {
      return ConfigOrError.fromError(
          Status.INTERNAL.withDescription(
              POLICY_NAME + " config: " + rawConfig.keySet() + " (expected: {}, no keys)"));
    }
    return ConfigOrError.fromConfig(CONFIG);
  }
}
