package io.github.zero4j.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private {@code redis-server} on a free loopback port, with no persistence. Fault tests own it:
 * {@link #kill()} it mid-run and {@link #restart()} it on the same port.
 *
 * <pre>{@code
 * @RegisterExtension static final RedisServer redis = RedisServer.create();
 * }</pre>
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final int port;
  private final List<String> extraArgs;
  private final Path dir;
  private final ManagedProcess process;

  private RedisServer(int port, List<String> extraArgs) {
    this.port = port;
    this.extraArgs = List.copyOf(extraArgs);
    this.dir = TempDirs.create("redis-" + port);
    List<String> command = new ArrayList<>();
    command.add("redis-server");
    command.addAll(
        List.of(
            "--port", Integer.toString(port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", dir.toString(),
            "--protected-mode", "no"));
    command.addAll(this.extraArgs);
    this.process = new ManagedProcess("redis-" + port, command, dir);
  }

  /** A server on a free port, not yet started (an extension starts it before the tests). */
  public static RedisServer create() {
    return new RedisServer(FreePorts.next(), List.of());
  }

  /**
   * A server with extra {@code redis-server} arguments, e.g. {@code "--cluster-enabled", "yes"}.
   */
  public static RedisServer create(String... extraArgs) {
    return new RedisServer(FreePorts.next(), List.of(extraArgs));
  }

  /** Starts the server and waits until it answers PING. */
  public RedisServer start() {
    process.start(() -> ping(port), START_TIMEOUT);
    return this;
  }

  /** Kills the server with SIGKILL: clients see connection resets. */
  public void kill() {
    process.kill();
  }

  /** Starts the server again on the same port (empty: nothing was persisted). */
  public RedisServer restart() {
    if (process.isAlive()) {
      process.kill();
    }
    return start();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:port}, the shape of go-zero's {@code Host} key. */
  public String hostAndPort() {
    return host() + ":" + port;
  }

  /** {@code redis://127.0.0.1:port}. */
  public String uri() {
    return "redis://" + hostAndPort();
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

  /** Whether a Redis server on 127.0.0.1:{@code port} answers PING with PONG. */
  public static boolean ping(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[7];
      int n = in.readNBytes(reply, 0, reply.length);
      return new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }
}
