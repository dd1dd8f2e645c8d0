package io.github.zero4j.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) in a child JVM, started from
 * the {@code org.apache.kafka} Maven artifacts: no Docker, no download. The child's classpath is
 * written when this module is built, so the broker's Scala and server libraries never reach a test
 * classpath.
 *
 * <p>Its log directory survives {@link #kill()} and {@link #stop()} so that {@link #restart()}
 * brings back the same topics and committed offsets.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final String STARTED_LINE = "Kafka Server started";

  private final int port = FreePorts.next();
  private final int controllerPort = FreePorts.next();
  private final Path dir = TempDirs.create("kafka-" + port);
  private final Path properties = dir.resolve("server.properties");
  private final int partitions;
  private boolean formatted;
  private @Nullable ManagedProcess process;

  private KafkaBroker(int partitions) {
    this.partitions = partitions;
  }

  /** A broker whose auto-created topics get one partition. */
  public static KafkaBroker create() {
    return new KafkaBroker(1);
  }

  /** A broker whose auto-created topics get {@code partitions} partitions. */
  public static KafkaBroker withDefaultPartitions(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions: " + partitions + " (expected: >= 1)");
    }
    return new KafkaBroker(partitions);
  }

  /** Formats the storage (first time only), starts the broker and waits until it serves. */
  public KafkaBroker start() {
    if (!formatted) {
      writeConfig();
      format();
      formatted = true;
    }
    ManagedProcess broker =
        new ManagedProcess(
            "kafka-" + port,
            java("kafka.Kafka", List.of("-Xms512m", "-Xmx1g"), properties.toString()),
            dir);
    process = broker;
    broker.start(() -> started(broker), START_TIMEOUT);
    return this;
  }

  /** SIGKILL: a crash. Unflushed data may be lost, as on a real crash with one replica. */
  public void kill() {
    ManagedProcess p = process;
    if (p != null) {
      p.kill();
    }
  }

  /** SIGTERM: a controlled shutdown. */
  public void stop() {
    ManagedProcess p = process;
    if (p != null) {
      p.stop(Duration.ofSeconds(30));
    }
  }

  public KafkaBroker restart() {
    stop();
    return start();
  }

  public boolean isRunning() {
    ManagedProcess p = process;
    return p != null && p.isAlive();
  }

  /** {@code 127.0.0.1:port}, for {@code bootstrap.servers} and go-queue's {@code Brokers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    kill();
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

  private boolean started(ManagedProcess broker) {
    if (!FreePorts.isListening(port)) {
      return false;
    }
    try {
      return Files.readString(broker.log(), StandardCharsets.UTF_8).contains(STARTED_LINE);
    } catch (IOException e) {
      return false;
    }
  }

  private void writeConfig() {
    String config =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + dir.resolve("logs"),
            "num.partitions=" + partitions,
            "auto.create.topics.enable=true",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=4",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "min.insync.replicas=1",
            // Without this a consumer group's first join waits 3 s for more members.
            "group.initial.rebalance.delay.ms=0",
            "log.flush.interval.messages=1",
            "");
    String logback =
        "<configuration><appender name=\"F\" class=\"ch.qos.logback.core.FileAppender\">"
            + "<file>"
            + dir.resolve("broker-log4j.log")
            + "</file><encoder><pattern>%d %-5level [%logger{20}] %msg%n</pattern></encoder>"
            + "</appender><appender name=\"O\" class=\"ch.qos.logback.core.ConsoleAppender\">"
            + "<encoder><pattern>%msg%n</pattern></encoder></appender>"
            + "<logger name=\"kafka.server.KafkaRaftServer\" level=\"INFO\"><appender-ref ref=\"O\"/>"
            + "</logger><root level=\"WARN\"><appender-ref ref=\"F\"/><appender-ref ref=\"O\"/>"
            + "</root></configuration>";
    try {
      Files.writeString(properties, config, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("logback.xml"), logback, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the broker's configuration in " + dir, e);
    }
  }

  private void format() {
    List<String> command =
        java(
            "kafka.tools.StorageTool",
            List.of("-Xmx256m"),
            "format",
            "-t",
            clusterId(),
            "-c",
            properties.toString());
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("format.log").toFile())
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "formatting Kafka storage failed:\n" + Files.readString(dir.resolve("format.log")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run the Kafka storage tool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted formatting Kafka storage", e);
    }
  }

  private List<String> java(String mainClass, List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-XX:+UseG1GC");
    command.add("-Djava.awt.headless=true");
    command.add("-Dlogback.configurationFile=" + dir.resolve("logback.xml"));
    command.add("-cp");
    command.add(brokerClasspath());
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  private static String brokerClasspath() {
    try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            CLASSPATH_RESOURCE + " is missing: build zero-testing with Maven (it is generated)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CLASSPATH_RESOURCE, e);
    }
  }

  /**
   * A Kafka cluster id: 16 random bytes, URL-safe base64 without padding, not starting with '-'.
   */
  private static String clusterId() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[16];
    String id;
    do {
      random.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }
}
