package io.github.zero4j.benchmarks.queue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/** Fresh topics for each measured run, ready to be written when returned. */
final class BenchTopics implements AutoCloseable {
  private final Admin admin;
  private final int partitions;

  BenchTopics(String bootstrap, int partitions) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    this.admin = Admin.create(p);
    this.partitions = partitions;
  }

  /**
   * Creates {@code prefix-<time>} and waits until the broker leads every partition (ListOffsets,
   * which only the leader answers, succeeds). Producing to a partition the broker has not taken
   * over yet can make an idempotent producer lose a batch after its delivery timeout (KAFKA-15591).
   */
  String create(String prefix) throws Exception {
    String topic = prefix + "-" + System.currentTimeMillis();
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!ready(topic)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topic " + topic + " has no leaders after 60 s");
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    admin.listOffsets(latest).all().get();
    return topic;
  }

  private boolean ready(String topic) {
    try {
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      return d != null
          && d.partitions().size() == partitions
          && d.partitions().stream().allMatch(p -> p.leader() != null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    admin.close();
  }

  /** A 100-byte value starting with {@code prefix} and a colon. */
  static String value(String prefix) {
    StringBuilder b = new StringBuilder(100).append(prefix).append(':');
    while (b.length() < 100) {
      b.append((char) ('a' + b.length() % 26));
    }
    return b.toString();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
