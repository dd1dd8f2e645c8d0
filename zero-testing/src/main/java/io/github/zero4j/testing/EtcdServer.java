package io.github.zero4j.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private single-member etcd (Debian's {@code etcd} binary) on free loopback ports. Its data
 * directory survives {@link #kill()} and {@link #restart()}, as a real restart would; it is removed
 * on {@link #close()}.
 */
public final class EtcdServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final int clientPort = FreePorts.next();
  private final int peerPort = FreePorts.next();
  private final Path dir = TempDirs.create("etcd-" + clientPort);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
  private final ManagedProcess process;

  private EtcdServer() {
    String name = "zero4j-" + clientPort;
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    process =
        new ManagedProcess(
            "etcd-" + clientPort,
            List.of(
                "etcd",
                "--name",
                name,
                "--data-dir",
                dir.resolve("data").toString(),
                "--listen-client-urls",
                client,
                "--advertise-client-urls",
                client,
                "--listen-peer-urls",
                peer,
                "--initial-advertise-peer-urls",
                peer,
                "--initial-cluster",
                name + "=" + peer,
                "--initial-cluster-state",
                "new",
                "--logger",
                "zap",
                "--log-outputs",
                "stderr"),
            dir);
  }

  public static EtcdServer create() {
    return new EtcdServer();
  }

  /** Starts etcd and waits until {@code /health} reports healthy. */
  public EtcdServer start() {
    process.start(this::healthy, START_TIMEOUT);
    return this;
  }

  /** SIGKILL: clients see the connection drop; data on disk is kept for {@link #restart()}. */
  public void kill() {
    process.kill();
  }

  public EtcdServer restart() {
    if (process.isAlive()) {
      process.kill();
    }
    return start();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  public int clientPort() {
    return clientPort;
  }

  /** {@code http://127.0.0.1:port}, for jetcd's {@code Client.builder().endpoints(...)}. */
  public String endpoint() {
    return "http://127.0.0.1:" + clientPort;
  }

  /** {@code 127.0.0.1:port}, the shape of go-zero's {@code Etcd.Hosts} entries. */
  public String hostAndPort() {
    return "127.0.0.1:" + clientPort;
  }

  @Override
  public void close() {
    process.kill();
    TempDirs.deleteRecursively(dir);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private boolean healthy() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"health\":\"true\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
