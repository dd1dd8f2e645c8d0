/**
 * The {@code p2c_ewma} gRPC load-balancing policy: go-zero's power-of-two-choices picker with a
 * time-decayed latency EWMA, as a standard grpc-java {@link io.grpc.LoadBalancerProvider}. See
 * {@link io.github.zero4j.rpc.balancer.P2cEwmaLoadBalancerProvider}.
 */
@NullMarked
package io.github.zero4j.rpc.balancer;

import org.jspecify.annotations.NullMarked;
