package io.github.zero4j.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Redis Cluster of {@code n} masters (no replicas), each a private {@code redis-server} with
 * {@code cluster-enabled yes}, joined with {@code redis-cli --cluster create}.
 */
public final class RedisCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);

  private final List<RedisServer> nodes = new ArrayList<>();

  private RedisCluster(int size) {
    if (size < 3) {
      throw new IllegalArgumentException(
          "size: " + size + " (expected: >= 3, Redis Cluster's minimum)");
    }
    for (int i = 0; i < size; i++) {
      nodes.add(
          RedisServer.create(
              "--cluster-enabled", "yes",
              "--cluster-node-timeout", "2000",
              "--cluster-config-file", "nodes.conf"));
    }
  }

  public static RedisCluster create(int size) {
    return new RedisCluster(size);
  }

  public RedisCluster start() {
    nodes.forEach(RedisServer::start);
    List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    nodes.forEach(node -> command.add(node.hostAndPort()));
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    run(command);
    long start = System.nanoTime();
    while (!clusterStateOk()) {
      if (FreePorts.elapsedSince(start).compareTo(FORM_TIMEOUT) > 0) {
        throw new IllegalStateException(
            "Redis Cluster did not reach cluster_state:ok in " + FORM_TIMEOUT);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while forming the cluster", e);
      }
    }
    return this;
  }

  public List<RedisServer> nodes() {
    return List.copyOf(nodes);
  }

  /**
   * {@code 127.0.0.1:p1,127.0.0.1:p2,...}, the shape of go-zero's {@code Host} key for a cluster.
   */
  public String hosts() {
    return nodes.stream().map(RedisServer::hostAndPort).collect(Collectors.joining(","));
  }

  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private boolean clusterStateOk() {
    for (RedisServer node : nodes) {
      String info =
          run(
              List.of(
                  "redis-cli",
                  "-h",
                  node.host(),
                  "-p",
                  Integer.toString(node.port()),
                  "cluster",
                  "info"));
      if (!info.contains("cluster_state:ok")) {
        return false;
      }
    }
    return true;
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command.get(0), e);
    }
  }
}
