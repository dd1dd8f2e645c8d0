package io.github.zero4j.benchmarks.queue;

import io.github.zero4j.queue.PushResult;
import io.github.zero4j.queue.Pusher;
import io.github.zero4j.queue.kq.KafkaPusher;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Producer throughput: {@link KafkaPusher#pushAsync} against a raw {@code KafkaProducer.send} with
 * the same settings (the pusher's defaults: {@code acks=all}, idempotence, snappy, {@code
 * linger.ms=5}, 16 KiB batches, 30 s delivery timeout). One thread sends {@code messages} records
 * of 100 bytes with 1000 distinct keys to a fresh topic and waits for every acknowledgement;
 * records/s is counted from the first send to the last acknowledgement. The raw side counts
 * acknowledgements in a callback; ours completes a future per record with our own {@code
 * PushResult} and writes the (empty) trace context. Rounds alternate which side goes first; the
 * median of the rounds is reported with the ratio ours/raw.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.zero4j.benchmarks.queue.PusherBenchmark \
 *     127.0.0.1:9092 [messages=1000000] [partitions=6] [rounds=3]
 * </pre>
 */
public final class PusherBenchmark {
  private static final int KEYS = 1000;

  private PusherBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: PusherBenchmark <bootstrap> [messages] [partitions] [rounds]");
      System.exit(2);
    }
    String bootstrap = args[0];
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    String[] keys = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "key-" + i;
    }
    String value = BenchTopics.value("v");
    double[] raw = new double[rounds];
    double[] ours = new double[rounds];
    try (BenchTopics topics = new BenchTopics(bootstrap, partitions)) {
      for (int r = 0; r < rounds; r++) {
        if (r % 2 == 0) {
          raw[r] = raw(bootstrap, topics.create("bench-push-raw"), messages, keys, value);
          ours[r] = ours(bootstrap, topics.create("bench-push-ours"), messages, keys, value);
        } else {
          ours[r] = ours(bootstrap, topics.create("bench-push-ours"), messages, keys, value);
          raw[r] = raw(bootstrap, topics.create("bench-push-raw"), messages, keys, value);
        }
        System.out.printf(
            Locale.ROOT, "round %d: raw %.0f records/s, ours %.0f records/s%n", r, raw[r], ours[r]);
      }
    }
    double rawMedian = BenchTopics.median(raw);
    double oursMedian = BenchTopics.median(ours);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "| producer (%d x 100 B, %d partitions, median of %d) | records/s |%n",
        messages,
        partitions,
        rounds);
    System.out.println("|---|---|");
    System.out.printf(Locale.ROOT, "| raw KafkaProducer.send | %.0f |%n", rawMedian);
    System.out.printf(Locale.ROOT, "| ours KafkaPusher.pushAsync | %.0f |%n", oursMedian);
    System.out.printf(Locale.ROOT, "| ratio ours/raw | %.2f |%n", oursMedian / rawMedian);
  }

  /** The producer settings {@link KafkaPusher} uses by default. */
  static Map<String, Object> sameSettings(String bootstrap) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, KafkaPusher.DEFAULT_COMPRESSION);
    p.put(ProducerConfig.LINGER_MS_CONFIG, KafkaPusher.DEFAULT_LINGER_MS);
    int timeout = (int) KafkaPusher.DEFAULT_DELIVERY_TIMEOUT.toMillis();
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout - KafkaPusher.DEFAULT_LINGER_MS);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) timeout);
    return p;
  }

  private static double raw(
      String bootstrap, String topic, int messages, String[] keys, String value) throws Exception {
    CountDownLatch acked = new CountDownLatch(messages);
    AtomicReference<@Nullable Exception> failure = new AtomicReference<>();
    long start;
    long end;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            sameSettings(bootstrap), new StringSerializer(), new StringSerializer())) {
      // Fetch metadata before the clock starts, as the pusher does on its first push.
      producer.partitionsFor(topic);
      start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        producer.send(
            new ProducerRecord<>(topic, keys[i % keys.length], value),
            (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
              acked.countDown();
            });
      }
      if (!acked.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("raw producer did not finish");
      }
      end = System.nanoTime();
    }
    Exception e = failure.get();
    if (e != null) {
      throw e;
    }
    return messages / ((end - start) / 1e9);
  }

  private static double ours(
      String bootstrap, String topic, int messages, String[] keys, String value) throws Exception {
    AtomicLong failures = new AtomicLong();
    long start;
    long end;
    try (Pusher pusher =
        KafkaPusher.builder(List.of(bootstrap), topic)
            .deliveryTimeout(Duration.ofMillis(KafkaPusher.DEFAULT_DELIVERY_TIMEOUT.toMillis()))
            .build()) {
      pusher.push("warm-up", value);
      CountDownLatch acked = new CountDownLatch(messages);
      start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        CompletableFuture<PushResult> f = pusher.pushAsync(keys[i % keys.length], value);
        f.whenComplete(
            (result, error) -> {
              if (error != null) {
                failures.incrementAndGet();
              }
              acked.countDown();
            });
      }
      if (!acked.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("pusher did not finish");
      }
      end = System.nanoTime();
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " pushes failed");
    }
    return messages / ((end - start) / 1e9);
  }
}
