package io.github.zero4j.queue.kq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Test support: topics, end offsets, committed offsets and reading a topic as an outsider. */
final class KafkaAdmin implements AutoCloseable {
  private final String bootstrap;
  private final Admin admin;

  KafkaAdmin(String bootstrap) {
    this.bootstrap = bootstrap;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    this.admin = Admin.create(p);
  }

  /**
   * Creates {@code topic} and waits until the broker leads every partition: the controller naming a
   * leader is not enough, the broker must have applied it (ListOffsets goes to the leader and is
   * retried until it answers). Producing earlier can leave an idempotent producer retrying
   * NOT_LEADER and then OUT_OF_ORDER_SEQUENCE until its delivery timeout.
   */
  void createTopic(String topic, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!hasLeaders(topic, partitions)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no leaders for " + topic);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    endOffsets(topic, partitions);
  }

  private boolean hasLeaders(String topic, int partitions) throws InterruptedException {
    TopicDescription d;
    try {
      d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    } catch (ExecutionException e) {
      return false; // not known to the broker yet
    }
    return d != null
        && d.partitions().size() == partitions
        && d.partitions().stream().allMatch(p -> p.leader() != null);
  }

  /** The log end offset of each partition. */
  Map<Integer, Long> endOffsets(String topic, int partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> request =
        IntStream.range(0, partitions)
            .boxed()
            .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
        admin.listOffsets(request).all().get();
    Map<Integer, Long> out = new HashMap<>();
    result.forEach((tp, info) -> out.put(tp.partition(), info.offset()));
    return out;
  }

  /** The group's committed offset of each partition of {@code topic} (absent: none). */
  Map<Integer, Long> committed(String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    Map<Integer, Long> out = new HashMap<>();
    offsets.forEach(
        (tp, om) -> {
          if (tp.topic().equals(topic) && om != null) {
            out.put(tp.partition(), om.offset());
          }
        });
    return out;
  }

  /** Whether the group has committed every partition of {@code topic} at its end. */
  boolean committedAtEnd(String group, String topic, int partitions) {
    try {
      return committed(group, topic).equals(endOffsets(topic, partitions));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** How many members of {@code group} have partitions assigned (0 while it rebalances). */
  int membersWithPartitions(String group) {
    try {
      ConsumerGroupDescription d =
          admin.describeConsumerGroups(List.of(group)).all().get().get(group);
      if (d == null || d.groupState() != GroupState.STABLE) {
        return 0;
      }
      int n = 0;
      for (MemberDescription m : d.members()) {
        if (!m.assignment().topicPartitions().isEmpty()) {
          n++;
        }
      }
      return n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (Exception e) {
      return 0;
    }
  }

  /**
   * How many partitions each member of the stable {@code group} is assigned, in no order; empty
   * while it rebalances or cannot be described. With cooperative-sticky assignment a member that
   * joins first shows up with none while the partitions it will get are still being revoked.
   */
  List<Integer> assignmentSizes(String group) {
    try {
      ConsumerGroupDescription d =
          admin.describeConsumerGroups(List.of(group)).all().get().get(group);
      if (d == null || d.groupState() != GroupState.STABLE) {
        return List.of();
      }
      List<Integer> sizes = new ArrayList<>();
      for (MemberDescription m : d.members()) {
        sizes.add(m.assignment().topicPartitions().size());
      }
      return sizes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } catch (Exception e) {
      return List.of();
    }
  }

  /** Every record of {@code topic}, read by a group-less consumer from the beginning. */
  List<ConsumerRecord<String, String>> readAll(String topic, int partitions) throws Exception {
    Map<Integer, Long> end = endOffsets(topic, partitions);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int i = 0; i < partitions; i++) {
        tps.add(new TopicPartition(topic, i));
      }
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!reached(consumer, tps, end)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private static boolean reached(
      KafkaConsumer<String, String> consumer, List<TopicPartition> tps, Map<Integer, Long> end) {
    for (TopicPartition tp : tps) {
      if (consumer.position(tp) < end.getOrDefault(tp.partition(), 0L)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    admin.close();
  }
}
