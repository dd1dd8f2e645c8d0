package io.github.zero4j.benchmarks.queue;

import com.sun.management.OperatingSystemMXBean;
import io.github.zero4j.queue.PushResult;
import io.github.zero4j.queue.Pusher;
import io.github.zero4j.queue.kq.KafkaPusher;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
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
 * linger.ms=5}, 16 KiB batches; a 120 s delivery timeout, see {@link #DELIVERY_TIMEOUT}). One
 * thread sends {@code messages} records of 100 bytes with 1000 distinct keys to a fresh topic and
 * waits for every acknowledgement; records/s is counted from the first send to the last
 * acknowledgement. The raw side counts acknowledgements in a {@code send} callback; ours attaches a
 * {@code whenComplete} to each returned future, as a caller of {@code pushAsync} would.
 *
 * <p>Each run builds a new producer (or pusher), writes one record and waits for it before the
 * clock starts, so connection, metadata and producer id are in place for both. {@code warmups}
 * unmeasured rounds of both sides come first (the two share kafka-clients' code, so the JIT has
 * compiled it for both before anything is measured). Then {@code rounds} measured rounds alternate
 * which side goes first, so a drift in the machine's load or the broker's state favours neither.
 * Printed: each round, the median records/s of each side, the ratio of the medians, and the median
 * and range of the per-round ratios (each compares two runs made back to back).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.zero4j.benchmarks.queue.PusherBenchmark \
 *     127.0.0.1:9092 [messages=1000000] [partitions=6] [rounds=5] [warmups=2]
 * </pre>
 */
public final class PusherBenchmark {
  private static final int KEYS = 1000;

  /**
   * kafka-clients' own default, for both sides: a record may wait in the 32 MiB buffer for longer
   * than the pusher's 30 s default when other processes starve this one of CPU, and a run with
   * expired records measures nothing.
   */
  static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(120);

  private PusherBenchmark() {}

  /** One side of the comparison. */
  private interface Side {
    /** Sends {@code messages} records to {@code topic}. */
    Run run(String topic, int messages) throws Exception;
  }

  /**
   * A measured run: records/s; this JVM's CPU time per record (all threads: the sending thread, the
   * producer's I/O thread that completes the callbacks or futures, GC and JIT); and the sending
   * thread's alone, which neither GC nor JIT nor other processes' load inflate.
   */
  private record Run(double rate, double cpuMicrosPerRecord, double senderMicrosPerRecord) {}

  /** Clocks read at the start of a run. */
  private record Clocks(long wall, long process, long thread) {
    static Clocks now() {
      return new Clocks(
          System.nanoTime(),
          ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
              .getProcessCpuTime(),
          ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
    }

    /** The run since these clocks, {@code thread} read when the sending loop ended. */
    Run until(int messages, long senderEnd) {
      Clocks end = now();
      return new Run(
          messages / ((end.wall - wall) / 1e9),
          (end.process - process) / 1e3 / messages,
          (senderEnd - thread) / 1e3 / messages);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println(
          "usage: PusherBenchmark <bootstrap> [messages] [partitions] [rounds] [warmups]");
      System.exit(2);
    }
    String bootstrap = args[0];
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int warmups = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    String[] keys = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "key-" + i;
    }
    String value = BenchTopics.value("v");
    Side raw = (topic, n) -> raw(bootstrap, topic, n, keys, value);
    Side ours = (topic, n) -> ours(bootstrap, topic, n, keys, value);
    double[] rawRate = new double[rounds];
    double[] oursRate = new double[rounds];
    double[] ratio = new double[rounds];
    double[] rawCpu = new double[rounds];
    double[] oursCpu = new double[rounds];
    double[] rawSender = new double[rounds];
    double[] oursSender = new double[rounds];
    try (BenchTopics topics = new BenchTopics(bootstrap, partitions)) {
      for (int w = 0; w < warmups; w++) {
        Run o = ours.run(topics.create("bench-push-warmup"), messages);
        Run r = raw.run(topics.create("bench-push-warmup"), messages);
        System.out.printf(
            Locale.ROOT,
            "warm-up %d: raw %.0f records/s, ours %.0f records/s%n",
            w,
            r.rate(),
            o.rate());
      }
      for (int i = 0; i < rounds; i++) {
        boolean rawFirst = i % 2 == 0;
        Run r;
        Run o;
        if (rawFirst) {
          r = raw.run(topics.create("bench-push-raw"), messages);
          o = ours.run(topics.create("bench-push-ours"), messages);
        } else {
          o = ours.run(topics.create("bench-push-ours"), messages);
          r = raw.run(topics.create("bench-push-raw"), messages);
        }
        rawRate[i] = r.rate();
        oursRate[i] = o.rate();
        rawCpu[i] = r.cpuMicrosPerRecord();
        oursCpu[i] = o.cpuMicrosPerRecord();
        rawSender[i] = r.senderMicrosPerRecord();
        oursSender[i] = o.senderMicrosPerRecord();
        ratio[i] = oursRate[i] / rawRate[i];
        System.out.printf(
            Locale.ROOT,
            "round %d (%s first): raw %.0f records/s (CPU/record %.2f us, sender %.2f us), ours"
                + " %.0f records/s (CPU/record %.2f us, sender %.2f us), ours/raw %.2f%n",
            i,
            rawFirst ? "raw" : "ours",
            rawRate[i],
            rawCpu[i],
            rawSender[i],
            oursRate[i],
            oursCpu[i],
            oursSender[i],
            ratio[i]);
      }
    }
    double rawMedian = BenchTopics.median(rawRate);
    double oursMedian = BenchTopics.median(oursRate);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "| producer, %d x 100 B, %d partitions, %d rounds after %d warm-ups | median records/s"
            + " | range records/s | median CPU/record, process | median CPU/record, sending"
            + " thread |%n",
        messages,
        partitions,
        rounds,
        warmups);
    System.out.println("|---|---|---|---|---|");
    System.out.printf(
        Locale.ROOT,
        "| raw KafkaProducer.send | %.0f | %.0f .. %.0f | %.2f us | %.2f us |%n",
        rawMedian,
        min(rawRate),
        max(rawRate),
        BenchTopics.median(rawCpu),
        BenchTopics.median(rawSender));
    System.out.printf(
        Locale.ROOT,
        "| ours KafkaPusher.pushAsync | %.0f | %.0f .. %.0f | %.2f us | %.2f us |%n",
        oursMedian,
        min(oursRate),
        max(oursRate),
        BenchTopics.median(oursCpu),
        BenchTopics.median(oursSender));
    System.out.printf(
        Locale.ROOT,
        "| ours/raw | %.2f (per round: median %.2f, range %.2f .. %.2f) | | %.2f | %.2f |%n",
        oursMedian / rawMedian,
        BenchTopics.median(ratio),
        min(ratio),
        max(ratio),
        BenchTopics.median(oursCpu) / BenchTopics.median(rawCpu),
        BenchTopics.median(oursSender) / BenchTopics.median(rawSender));
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }

  /** The producer settings {@link KafkaPusher} uses by default, with {@link #DELIVERY_TIMEOUT}. */
  static Map<String, Object> sameSettings(String bootstrap) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, KafkaPusher.DEFAULT_COMPRESSION);
    p.put(ProducerConfig.LINGER_MS_CONFIG, KafkaPusher.DEFAULT_LINGER_MS);
    int timeout = (int) DELIVERY_TIMEOUT.toMillis();
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
    // As the pusher fits it: kafka-clients' 30 s, or less when the delivery timeout is short.
    p.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Math.min(30_000, timeout - KafkaPusher.DEFAULT_LINGER_MS));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) timeout);
    return p;
  }

  private static Run raw(String bootstrap, String topic, int messages, String[] keys, String value)
      throws Exception {
    CountDownLatch acked = new CountDownLatch(messages);
    AtomicReference<@Nullable Exception> failure = new AtomicReference<>();
    Clocks start;
    Run run;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            sameSettings(bootstrap), new StringSerializer(), new StringSerializer())) {
      // Connection, metadata and producer id before the clock starts, as for ours.
      producer.send(new ProducerRecord<>(topic, "warm-up", value)).get();
      start = Clocks.now();
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
      long senderEnd = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      if (!acked.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("raw producer did not finish");
      }
      run = start.until(messages, senderEnd);
    }
    Exception e = failure.get();
    if (e != null) {
      throw e;
    }
    return run;
  }

  private static Run ours(String bootstrap, String topic, int messages, String[] keys, String value)
      throws Exception {
    AtomicLong failures = new AtomicLong();
    Clocks start;
    Run run;
    try (Pusher pusher =
        KafkaPusher.builder(List.of(bootstrap), topic).deliveryTimeout(DELIVERY_TIMEOUT).build()) {
      pusher.push("warm-up", value);
      CountDownLatch acked = new CountDownLatch(messages);
      start = Clocks.now();
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
      long senderEnd = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      if (!acked.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("pusher did not finish");
      }
      run = start.until(messages, senderEnd);
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " pushes failed");
    }
    return run;
  }
}
