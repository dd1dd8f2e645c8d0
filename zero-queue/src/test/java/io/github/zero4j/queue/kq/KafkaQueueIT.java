package io.github.zero4j.queue.kq;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.queue.Await;
import io.github.zero4j.queue.DeadLetterHeaders;
import io.github.zero4j.queue.Message;
import io.github.zero4j.queue.MessageHandler;
import io.github.zero4j.queue.PushResult;
import io.github.zero4j.queue.Pusher;
import io.github.zero4j.queue.internal.QueueMetrics;
import io.github.zero4j.testing.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link KafkaQueue} against a real broker: no loss across crashes, stops and rebalances. */
class KafkaQueueIT {
  private static final Logger log = LoggerFactory.getLogger(KafkaQueueIT.class);

  private static final int PARTITIONS = 6;
  private static final Duration LONG = Duration.ofSeconds(120);

  @RegisterExtension static final KafkaBroker kafka = KafkaBroker.withDefaultPartitions(PARTITIONS);

  private static KafkaAdmin admin;

  @BeforeAll
  static void admin() {
    admin = new KafkaAdmin(kafka.bootstrapServers());
  }

  @AfterAll
  static void closeAdmin() {
    admin.close();
  }

  /** The messages of one run: message {@code id} is sequence {@code id / keys} of its key. */
  private static final class Workload {
    final int messages;
    final int keys;
    final long seed;
    final boolean failures;
    final AtomicIntegerArray succeeded;
    final AtomicInteger distinctSucceeded = new AtomicInteger();
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    Workload(int messages, int keys, long seed, boolean failures) {
      this.messages = messages;
      this.keys = keys;
      this.seed = seed;
      this.failures = failures;
      this.succeeded = new AtomicIntegerArray(messages);
    }

    static String key(int k) {
      return String.format("key-%03d", k);
    }

    int id(Message m) {
      int k = Integer.parseInt(m.key().substring(4));
      int seq = Integer.parseInt(m.value().substring(0, m.value().indexOf(':')));
      return seq * keys + k;
    }

    /** ~100 bytes: the sequence, then filler. */
    String value(int id) {
      StringBuilder b = new StringBuilder().append(id / keys).append(':');
      while (b.length() < 100) {
        b.append((char) ('a' + b.length() % 26));
      }
      return b.toString();
    }

    private int draw(int id) {
      return new SplittableRandom(seed ^ (id * 0x9E3779B97F4A7C15L)).nextInt(1000);
    }

    /** About 0.2% of the messages fail on every attempt: they must reach the dead-letter topic. */
    boolean permanent(int id) {
      return failures && draw(id) < 2;
    }

    /** Another 1% fail on their first attempt only: a retry must handle them. */
    boolean transientFailure(int id) {
      int d = draw(id);
      return failures && d >= 2 && d < 12;
    }

    Set<Integer> permanentIds() {
      Set<Integer> out = new HashSet<>();
      for (int id = 0; id < messages; id++) {
        if (permanent(id)) {
          out.add(id);
        }
      }
      return out;
    }

    void push(Pusher pusher) {
      push(pusher, 0, messages);
    }

    /** Pushes messages {@code from} (inclusive) to {@code to} and waits for them. */
    void push(Pusher pusher, int from, int to) {
      List<CompletableFuture<PushResult>> futures = new ArrayList<>(to - from);
      for (int id = from; id < to; id++) {
        futures.add(pusher.pushAsync(key(id % keys), value(id)));
      }
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
    }

    /**
     * A handler for one consumer incarnation: checks that each key's messages arrive in order
     * within it (a retry repeats the same sequence, a first attempt is the next sequence).
     */
    MessageHandler handler(String incarnation, AtomicInteger progress) {
      Map<String, Integer> last = new ConcurrentHashMap<>();
      return m -> {
        int id = id(m);
        int seq = id / keys;
        Integer prev = last.put(m.key(), seq);
        boolean inOrder =
            m.attempt() == 1 ? prev == null || seq == prev + 1 : prev != null && seq == prev;
        if (!inOrder) {
          violations.add(
              incarnation + " " + m.key() + ": " + prev + " then " + seq + "#" + m.attempt());
        }
        if (permanent(id)) {
          throw new IllegalStateException("permanent failure of " + id);
        }
        if (transientFailure(id) && m.attempt() == 1) {
          throw new IllegalStateException("transient failure of " + id);
        }
        if (succeeded.incrementAndGet(id) == 1) {
          distinctSucceeded.incrementAndGet();
        }
        progress.incrementAndGet();
      };
    }

    int duplicates() {
      int n = 0;
      for (int id = 0; id < messages; id++) {
        n += Math.max(0, succeeded.get(id) - 1);
      }
      return n;
    }
  }

  /** A pusher patient enough for a broker slowed down by a loaded machine. */
  private static Pusher pusher(String topic) {
    return KafkaPusher.builder(List.of(kafka.bootstrapServers()), topic)
        .deliveryTimeout(Duration.ofMinutes(2))
        .build();
  }

  private static KqConf.Builder conf(String group, String topic) {
    return KqConf.builder(List.of(kafka.bootstrapServers()), group, topic)
        .offset(KqConf.FIRST)
        .minBytes(1)
        .maxWait(Duration.ofMillis(100))
        .commitInterval(Duration.ofMillis(200))
        .retryBackoff(Duration.ofMillis(1))
        .retryMaxBackoff(Duration.ofMillis(5));
  }

  private static KafkaQueue start(KqConf conf, MessageHandler handler, ZeroMeters meters) {
    KafkaQueue queue = KafkaQueue.builder(conf, handler).meters(meters).build();
    queue.start();
    return queue;
  }

  @Test
  void noMessageLost_throughTwoCrashes_aRacingStop_retriesAndDeadLetters() throws Exception {
    String topic = "no-loss";
    String dlt = "no-loss-dlt";
    String group = "no-loss-group";
    admin.createTopic(topic, PARTITIONS);
    admin.createTopic(dlt, PARTITIONS);
    Workload work = new Workload(100_000, 200, 20261126L, true);
    Set<Integer> permanent = work.permanentIds();
    try (Pusher pusher = pusher(topic)) {
      work.push(pusher);
    }
    KqConf conf =
        conf(group, topic)
            .consumers(1)
            .processors(16)
            .retries(2)
            .deadLetterTopic(dlt)
            .maxInFlight(500)
            .build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ZeroMeters meters = ZeroMeters.of(registry);
    AtomicInteger progress = new AtomicInteger();

    // 1: a crash. No drain, no final commit: everything after the last periodic commit returns.
    KafkaQueue first = start(conf, work.handler("first", progress), meters);
    Await.until("25k handled", progress::get, () -> progress.get() >= 25_000);
    first.abort();

    // 2: a stop racing with handlers that are running and queued.
    KafkaQueue second = start(conf, work.handler("second", progress), meters);
    Await.until("50k handled", progress::get, () -> progress.get() >= 50_000);
    second.stop();

    // 3: a second crash (the issue: killed and restarted twice mid-run).
    KafkaQueue third = start(conf, work.handler("third", progress), meters);
    Await.until("75k handled", progress::get, () -> progress.get() >= 75_000);
    third.abort();

    // 4: runs to the end.
    KafkaQueue fourth = start(conf, work.handler("fourth", progress), meters);
    int expected = work.messages - permanent.size();
    Await.until("every message handled", LONG, () -> work.distinctSucceeded.get() == expected);
    Await.until(
        "offsets committed at the end", LONG, () -> admin.committedAtEnd(group, topic, PARTITIONS));
    fourth.stop();

    assertThat(work.violations).isEmpty();
    assertThat(admin.committed(group, topic)).isEqualTo(admin.endOffsets(topic, PARTITIONS));
    for (int id : permanent) {
      assertThat(work.succeeded.get(id)).as("permanent %s", id).isZero();
    }
    assertThat(permanent).isNotEmpty();

    List<ConsumerRecord<String, String>> dead = admin.readAll(dlt, PARTITIONS);
    Set<Integer> deadIds = new HashSet<>();
    for (ConsumerRecord<String, String> r : dead) {
      deadIds.add(work.id(Message.builder(topic, r.value()).key(r.key()).build()));
    }
    assertThat(deadIds).isEqualTo(permanent);
    ConsumerRecord<String, String> sample = dead.get(0);
    assertThat(header(sample, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(topic);
    assertThat(header(sample, DeadLetterHeaders.GROUP)).isEqualTo(group);
    assertThat(header(sample, DeadLetterHeaders.EXCEPTION_CLASS))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(header(sample, DeadLetterHeaders.EXCEPTION_MESSAGE)).startsWith("permanent failure");
    assertThat(header(sample, DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
    assertThat(Long.parseLong(header(sample, DeadLetterHeaders.ORIGINAL_OFFSET))).isNotNegative();

    assertThat(registry.get(QueueMetrics.DEAD_LETTERED).counter().count())
        .isGreaterThanOrEqualTo(permanent.size());
    assertThat(registry.get(QueueMetrics.RETRIES).counter().count())
        .isGreaterThanOrEqualTo(2.0 * permanent.size());
    log.info(
        "no-loss: {} messages, {} dead-lettered, {} redelivered after the crashes and the stop",
        work.messages,
        dead.size(),
        work.duplicates());
  }

  @Test
  void rebalance_twoQueuesJoinAndLeave_withoutLossOrDuplicates() throws Exception {
    String topic = "rebalance";
    String group = "rebalance-group";
    admin.createTopic(topic, PARTITIONS);
    int phase = 10_000;
    Workload work = new Workload(4 * phase, 120, 7L, false);
    KqConf conf = conf(group, topic).consumers(1).processors(8).build();
    ZeroMeters meters = ZeroMeters.of(new SimpleMeterRegistry());
    AtomicInteger progress = new AtomicInteger();
    AtomicInteger handledByA = new AtomicInteger();
    AtomicInteger handledByB = new AtomicInteger();
    MessageHandler aHandler = work.handler("a", progress);
    MessageHandler bHandler = work.handler("b", progress);
    try (Pusher pusher = pusher(topic)) {
      work.push(pusher, 0, phase);
      KafkaQueue a =
          start(
              conf,
              m -> {
                aHandler.handle(m);
                handledByA.incrementAndGet();
              },
              meters);
      Await.until("phase 1 handled by a", progress::get, () -> progress.get() == phase);

      // b joins while a works through phase 2: a's revoked partitions drain and commit first.
      work.push(pusher, phase, 2 * phase);
      KafkaQueue b =
          start(
              conf,
              m -> {
                bHandler.handle(m);
                handledByB.incrementAndGet();
              },
              meters);
      Await.until(
          "both members own partitions",
          () -> admin.membersWithPartitions(group),
          () -> admin.membersWithPartitions(group) == 2);
      int aBefore = handledByA.get();
      work.push(pusher, 2 * phase, 3 * phase);
      Await.until(
          "phase 3 handled by both",
          progress::get,
          () -> work.distinctSucceeded.get() == 3 * phase);
      assertThat(handledByB.get()).isPositive();
      assertThat(handledByA.get()).isGreaterThan(aBefore);

      // a leaves while phase 4 is being handled: b takes over from a's commits.
      work.push(pusher, 3 * phase, 4 * phase);
      a.stop();
      Await.until(
          "every message handled", LONG, () -> work.distinctSucceeded.get() == work.messages);
      Await.until(
          "offsets committed at the end",
          LONG,
          () -> admin.committedAtEnd(group, topic, PARTITIONS));
      b.stop();
    }

    assertThat(work.violations).isEmpty();
    // Revoked partitions are drained (queued messages included) and committed before they move:
    // nothing runs twice.
    assertThat(work.duplicates()).isZero();
  }

  /**
   * The revoke drain covers queued messages, not only running ones: each partition has a "gate"
   * message that blocks, its key's next message queued behind it, and later offsets of other keys
   * already done. If the revoke abandoned the queued messages (as it once did), the commit would
   * stop at them and the new owner would handle every later message of the moved partitions again.
   */
  @Test
  void revoke_drainsQueuedMessages_soTheNewOwnerRepeatsNothing() throws Exception {
    String topic = "revoke-drain";
    String group = "revoke-drain-group";
    admin.createTopic(topic, PARTITIONS);
    List<String> gateKeys = keysOnePerPartition();
    int others = 600;
    Map<String, Integer> handled = new ConcurrentHashMap<>();
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger gatesRunning = new AtomicInteger();
    MessageHandler handler =
        m -> {
          if (m.value().startsWith("gate-")) {
            gatesRunning.incrementAndGet();
            release.await();
          }
          handled.merge(m.value(), 1, Integer::sum);
        };
    KqConf conf = conf(group, topic).consumers(1).processors(16).build();
    ZeroMeters meters = ZeroMeters.of(new SimpleMeterRegistry());
    KafkaQueue a = null;
    KafkaQueue b = null;
    try (Pusher pusher = pusher(topic)) {
      for (String key : gateKeys) {
        pusher.push(key, "gate-" + key);
        pusher.push(key, "queued-" + key);
      }
      List<CompletableFuture<PushResult>> pushes = new ArrayList<>();
      for (int i = 0; i < others; i++) {
        pushes.add(pusher.pushAsync("o-" + i, "o-" + i));
      }
      CompletableFuture.allOf(pushes.toArray(new CompletableFuture<?>[0])).join();

      a = start(conf, handler, meters);
      Await.until(
          "the gates running and the other keys done",
          handled::size,
          () -> gatesRunning.get() == PARTITIONS && handled.size() == others);

      b = start(conf, handler, meters);
      // The first cooperative round is over: b is a member without partitions, and a is revoking
      // the ones b will get (its drain waits for the gates).
      Await.until(
          "b joined while a revokes",
          () -> admin.assignmentSizes(group),
          () ->
              admin.assignmentSizes(group).size() == 2 && admin.assignmentSizes(group).contains(0));
      release.countDown();

      Await.until("every message handled", LONG, () -> handled.size() == others + 2 * PARTITIONS);
      Await.until(
          "offsets committed at the end",
          LONG,
          () -> admin.committedAtEnd(group, topic, PARTITIONS));
      Await.until(
          "both members own partitions",
          () -> admin.membersWithPartitions(group),
          () -> admin.membersWithPartitions(group) == 2);
    } finally {
      release.countDown();
      if (a != null) {
        a.stop();
      }
      if (b != null) {
        b.stop();
      }
    }
    Map<String, Integer> repeated = new HashMap<>();
    handled.forEach(
        (value, times) -> {
          if (times > 1) {
            repeated.put(value, times);
          }
        });
    assertThat(repeated).isEmpty();
  }

  /** One key per partition, as the producer's default partitioner places keyed messages. */
  private static List<String> keysOnePerPartition() {
    String[] keys = new String[PARTITIONS];
    int found = 0;
    for (int i = 0; found < PARTITIONS; i++) {
      String key = "gate-key-" + i;
      int p = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
      if (keys[p] == null) {
        keys[p] = key;
        found++;
      }
    }
    return List.of(keys);
  }

  @Test
  void handler_seesKeyHeadersAndTheProducersTrace_andGaugesAreRegistered() throws Exception {
    String topic = "trace";
    admin.createTopic(topic, PARTITIONS);
    Tracing tracing = Tracing.of(OpenTelemetry.noop());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<String> seen = new CopyOnWriteArrayList<>();
    KafkaQueue queue =
        KafkaQueue.builder(
                conf("trace-group", topic).consumers(1).build(),
                m ->
                    seen.add(
                        m.key()
                            + "|"
                            + m.value()
                            + "|"
                            + m.header("source").orElse("-")
                            + "|"
                            + Tracing.traceId()))
            .tracing(tracing)
            .meters(ZeroMeters.of(registry))
            .build();
    queue.start();
    try (Pusher pusher =
        KafkaPusher.builder(List.of(kafka.bootstrapServers()), topic).tracing(tracing).build()) {
      SpanContext producer =
          SpanContext.create(
              "5bf92f3577b34da6a3ce929d0e0e4736",
              "00f067aa0ba902b7",
              TraceFlags.getSampled(),
              TraceState.getDefault());
      try (Scope ignored = Span.wrap(producer).makeCurrent()) {
        pusher.push("k1", "traced", Map.of("source", "web"));
      }
      pusher.push("plain");
      Await.until("both handled", () -> seen, () -> seen.size() == 2);
      assertThat(registry.find(QueueMetrics.LAG).gauge()).isNotNull();
      assertThat(registry.find(QueueMetrics.IN_FLIGHT).gauge()).isNotNull();
      assertThat(registry.find(QueueMetrics.COMMIT_GAP).gauge()).isNotNull();
    } finally {
      queue.stop();
    }
    assertThat(seen)
        .containsExactlyInAnyOrder("k1|traced|web|5bf92f3577b34da6a3ce929d0e0e4736", "|plain|-|");
    assertThat(registry.find(QueueMetrics.IN_FLIGHT).gauge()).isNull();
    assertThat(registry.get(QueueMetrics.HANDLED).counter().count()).isEqualTo(2);
  }

  @Test
  void maxInFlight_pausesFetching_andResumesWhenHandlersCatchUp() throws Exception {
    String topic = "back-pressure";
    admin.createTopic(topic, PARTITIONS);
    int maxInFlight = 20;
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger handled = new AtomicInteger();
    KafkaQueue queue =
        KafkaQueue.create(
            conf("back-pressure-group", topic)
                .consumers(1)
                .processors(100)
                .keyOrdered(false)
                .maxInFlight(maxInFlight)
                .build(),
            (key, value) -> {
              maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
              release.await();
              running.decrementAndGet();
              handled.incrementAndGet();
            });
    queue.start();
    try (Pusher pusher = pusher(topic)) {
      List<CompletableFuture<PushResult>> pushes = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        pushes.add(pusher.pushAsync("k" + i, "v" + i));
      }
      CompletableFuture.allOf(pushes.toArray(new CompletableFuture<?>[0])).join();
      Await.until("fetching up to the limit", running::get, () -> running.get() >= maxInFlight);
      // Paused: a poll may overshoot by one max.poll.records (lowered to MaxInFlight), no more.
      assertThat(running.get()).isLessThan(2 * maxInFlight);
      release.countDown();
      Await.until("all handled after resuming", handled::get, () -> handled.get() == 300);
    } finally {
      release.countDown();
      queue.stop();
    }
    assertThat(maxRunning.get()).isLessThan(2 * maxInFlight);
  }

  private static String header(ConsumerRecord<String, String> r, String name) {
    Header h = r.headers().lastHeader(name);
    assertThat(h).as(name).isNotNull();
    return new String(h.value(), StandardCharsets.UTF_8);
  }
}
