package io.github.zero4j.rpc.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.rpc.balancer.EchoBackend;
import io.github.zero4j.rpc.discovery.EtcdRegistrar;
import io.github.zero4j.rpc.discovery.Eventually;
import io.github.zero4j.testing.EtcdServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registrar, resolver and channel across an etcd crash and restart (same data directory). */
class EtcdRestartIT {
  @RegisterExtension static final EtcdServer etcd = EtcdServer.create();

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private <T extends AutoCloseable> T track(T resource) {
    resources.add(resource);
    return resource;
  }

  private EtcdRegistrar register(EchoBackend backend) {
    return track(
        EtcdRegistrar.builder()
            .hosts(etcd.hostAndPort())
            .key("restart.rpc")
            .listenOn(backend.address())
            .build()
            .start());
  }

  @Test
  void killAndRestart_existingServersStay_newServersAreFound() {
    EchoBackend before = track(EchoBackend.start("before"));
    register(before);
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget("etcd:///" + etcd.hostAndPort() + "?key=restart.rpc")
            .defaultLoadBalancingPolicy("p2c_ewma")
            .usePlaintext()
            .build();
    resources.add(channel::shutdownNow);
    assertThat(EchoBackend.call(channel)).isEqualTo("before");

    etcd.kill();
    assertThat(EchoBackend.call(channel)).as("known servers outlive etcd").isEqualTo("before");
    etcd.restart();

    EchoBackend after = track(EchoBackend.start("after"));
    register(after);
    Eventually.until(
        Duration.ofSeconds(40), () -> answers(channel, "after"), () -> "a call on 'after'");
    Eventually.until(
        Duration.ofSeconds(20), () -> answers(channel, "before"), () -> "'before' still listed");
  }

  private static boolean answers(ManagedChannel channel, String name) {
    for (int i = 0; i < 20; i++) {
      try {
        if (EchoBackend.call(channel).equals(name)) {
          return true;
        }
      } catch (StatusRuntimeException e) {
        return false;
      }
    }
    return false;
  }
}
