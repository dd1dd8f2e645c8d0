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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Producer throughput: {@link KafkaPusher}'s {@code pushAsync} (with a callback, and returning a
 * future) against a raw {@code KafkaProducer.send} with the same settings (the pusher's defaults:
 * {@code acks=all}, idempotence, snappy, {@code linger.ms=5}, 16 KiB batches; a 120 s delivery
 * timeout, see {@link #DELIVERY_TIMEOUT}). One thread sends {@code messages} records of 100 bytes
 * with 1000 distinct keys to a fresh topic and waits for every acknowledgement; records/s is
 * counted from the first send to the last acknowledgement. Four sides:
 *
 * <ol start="0">
 *   <li>raw {@code send} with a callback counting acknowledgements: the baseline;
 *   <li>raw {@code send} whose callback completes a {@code CompletableFuture} the loop attached a
 *       {@code whenComplete} to: what returning a future costs any wrapper;
 *   <li>ours: {@code pushAsync} and a {@code whenComplete} on the returned future, as a caller
 *       would write it;
 *   <li>ours: {@code pushAsync(key, value, callback)}, the callback counting acknowledgements as
 *       the baseline's does: what the pusher adds to a raw callback send (trace check, the
 *       translation of the metadata into a {@code PushResult}).
 * </ol>
 *
 * <p>Each run builds a new producer (or pusher), writes one record and waits for it before the
 * clock starts, so connection, metadata and producer id are in place for all. {@code warmups}
 * unmeasured rounds of every side come first (they share kafka-clients' code, so the JIT has
 * compiled it for all before anything is measured). Then {@code rounds} measured rounds, each
 * starting with the next side, so a drift in the machine's load or the broker's state favours none.
 * Printed: each round; per side the median and range of records/s, the median and range of the
 * per-round ratio to the baseline (runs made one after the other), the median CPU time per record
 * of the whole JVM and of the sending thread, and the median bytes allocated per record by all
 * threads (load-independent).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.zero4j.benchmarks.queue.PusherBenchmark \
 *     127.0.0.1:9092 [messages=1000000] [partitions=6] [rounds=15] [warmups=2]
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
  private record Run(
      double rate,
      double cpuMicrosPerRecord,
      double senderMicrosPerRecord,
      double allocatedBytesPerRecord) {}

  /**
   * Clocks read at the start of a run, and the bytes each live thread has allocated so far: the
   * allocation per record (sending thread and producer I/O thread alike) does not depend on the
   * machine's load, so it shows what a side costs even when the timings are noise.
   */
  private record Clocks(long wall, long process, long thread, Map<Long, Long> allocated) {
    static Clocks now() {
      return new Clocks(
          System.nanoTime(),
          ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
              .getProcessCpuTime(),
          ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(),
          allocatedByThread());
    }

    private static Map<Long, Long> allocatedByThread() {
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long[] ids = threads.getAllThreadIds();
      long[] bytes = threads.getThreadAllocatedBytes(ids);
      Map<Long, Long> out = new HashMap<>();
      for (int i = 0; i < ids.length; i++) {
        if (bytes[i] >= 0) {
          out.put(ids[i], bytes[i]);
        }
      }
      return out;
    }

    /**
     * The run since these clocks, {@code thread} read when the sending loop ended; call it before
     * closing the producer, whose I/O thread's allocations count.
     */
    Run until(int messages, long senderEnd) {
      Clocks end = now();
      long bytes = 0;
      for (Map.Entry<Long, Long> e : end.allocated.entrySet()) {
        bytes += e.getValue() - allocated.getOrDefault(e.getKey(), 0L);
      }
      return new Run(
          messages / ((end.wall - wall) / 1e9),
          (end.process - process) / 1e3 / messages,
          (senderEnd - thread) / 1e3 / messages,
          (double) bytes / messages);
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
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
    int warmups = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    String[] keys = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "key-" + i;
    }
    String value = BenchTopics.value("v");
    String[] names = {
      "raw KafkaProducer.send, callback",
      "raw KafkaProducer.send, callback completing a CompletableFuture",
      "ours KafkaPusher.pushAsync, future",
      "ours KafkaPusher.pushAsync, callback"
    };
    Side[] sides = {
      (topic, n) -> raw(bootstrap, topic, n, keys, value, false),
      (topic, n) -> raw(bootstrap, topic, n, keys, value, true),
      (topic, n) -> ours(bootstrap, topic, n, keys, value, false),
      (topic, n) -> ours(bootstrap, topic, n, keys, value, true)
    };
    // -Dpusher.sides=0,3 keeps only those sides (by index), e.g. to see whether the others'
    // garbage or JIT profiles change a side's result.
    String only = System.getProperty("pusher.sides", "");
    if (!only.isEmpty()) {
      int[] picked = Arrays.stream(only.split(",")).mapToInt(Integer::parseInt).toArray();
      Side[] keptSides = new Side[picked.length];
      String[] keptNames = new String[picked.length];
      for (int i = 0; i < picked.length; i++) {
        keptSides[i] = sides[picked[i]];
        keptNames[i] = names[picked[i]];
      }
      sides = keptSides;
      names = keptNames;
    }
    int sideCount = sides.length;
    double[][] rate = new double[sideCount][rounds];
    double[][] cpu = new double[sideCount][rounds];
    double[][] sender = new double[sideCount][rounds];
    double[][] ratio = new double[sideCount][rounds];
    double[][] alloc = new double[sideCount][rounds];
    try (BenchTopics topics = new BenchTopics(bootstrap, partitions)) {
      for (int w = 0; w < warmups; w++) {
        StringBuilder line = new StringBuilder("warm-up " + w + ":");
        for (int k = sideCount - 1; k >= 0; k--) {
          Run run = sides[k].run(topics.create("bench-push-warmup"), messages);
          line.append(String.format(Locale.ROOT, " [%d] %.0f records/s", k, run.rate()));
        }
        System.out.println(line);
      }
      for (int i = 0; i < rounds; i++) {
        // Each round starts with the next side, so none is always first or last.
        for (int j = 0; j < sideCount; j++) {
          int k = (i + j) % sideCount;
          Run run = sides[k].run(topics.create("bench-push-" + k), messages);
          rate[k][i] = run.rate();
          cpu[k][i] = run.cpuMicrosPerRecord();
          sender[k][i] = run.senderMicrosPerRecord();
          alloc[k][i] = run.allocatedBytesPerRecord();
        }
        StringBuilder line = new StringBuilder("round " + i + " (first [" + i % sideCount + "]):");
        for (int k = 0; k < sideCount; k++) {
          ratio[k][i] = rate[k][i] / rate[0][i];
          line.append(
              String.format(
                  Locale.ROOT,
                  " [%d] %.0f records/s, CPU/record %.2f us, sender %.2f us, %.0f B, x%.2f;",
                  k,
                  rate[k][i],
                  cpu[k][i],
                  sender[k][i],
                  alloc[k][i],
                  ratio[k][i]));
        }
        System.out.println(line);
      }
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "| producer, %d x 100 B, %d partitions, %d rounds after %d warm-ups | median records/s"
            + " (range) | vs raw: per-round ratio, median (range) | CPU/record, process |"
            + " CPU/record, sending thread | allocated/record, all threads |%n",
        messages,
        partitions,
        rounds,
        warmups);
    System.out.println("|---|---|---|---|---|---|");
    for (int k = 0; k < sideCount; k++) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f (%.0f .. %.0f) | %s | %.2f us | %.2f us | %.0f B |%n",
          names[k],
          BenchTopics.median(rate[k]),
          min(rate[k]),
          max(rate[k]),
          k == 0
              ? "1"
              : String.format(
                  Locale.ROOT,
                  "%.2f (%.2f .. %.2f)",
                  BenchTopics.median(ratio[k]),
                  min(ratio[k]),
                  max(ratio[k])),
          BenchTopics.median(cpu[k]),
          BenchTopics.median(sender[k]),
          BenchTopics.median(alloc[k]));
    }
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

  /**
   * The raw producer. With {@code future}, each callback completes a {@link CompletableFuture} the
   * loop attached a {@code whenComplete} to: what any future-returning wrapper costs, ours or not.
   */
  private static Run raw(
      String bootstrap, String topic, int messages, String[] keys, String value, boolean future)
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
        ProducerRecord<String, String> record =
            new ProducerRecord<>(topic, keys[i % keys.length], value);
        if (future) {
          CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
          producer.send(
              record,
              (metadata, error) -> {
                if (error != null) {
                  f.completeExceptionally(error);
                } else {
                  f.complete(metadata);
                }
              });
          f.whenComplete(
              (metadata, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, new IllegalStateException(error));
                }
                acked.countDown();
              });
        } else {
          producer.send(
              record,
              (metadata, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error);
                }
                acked.countDown();
              });
        }
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

  /** Ours: {@code pushAsync} returning a future, or with a {@code callback}. */
  private static Run ours(
      String bootstrap, String topic, int messages, String[] keys, String value, boolean callback)
      throws Exception {
    AtomicLong failures = new AtomicLong();
    Clocks start;
    Run run;
    try (Pusher pusher =
        KafkaPusher.builder(List.of(bootstrap), topic).deliveryTimeout(DELIVERY_TIMEOUT).build()) {
      // The warm-up record goes the way the measured ones will, as the raw side's does.
      if (callback) {
        CompletableFuture<@Nullable Void> warmedUp = new CompletableFuture<>();
        pusher.pushAsync(
            "warm-up",
            value,
            (result, error) -> {
              if (error != null) {
                warmedUp.completeExceptionally(error);
              } else {
                warmedUp.complete(null);
              }
            });
        warmedUp.get();
      } else {
        pusher.pushAsync("warm-up", value).get();
      }
      CountDownLatch acked = new CountDownLatch(messages);
      start = Clocks.now();
      for (int i = 0; i < messages; i++) {
        if (callback) {
          pusher.pushAsync(
              keys[i % keys.length],
              value,
              (result, error) -> {
                if (error != null) {
                  failures.incrementAndGet();
                }
                acked.countDown();
              });
        } else {
          CompletableFuture<PushResult> f = pusher.pushAsync(keys[i % keys.length], value);
          f.whenComplete(
              (result, error) -> {
                if (error != null) {
                  failures.incrementAndGet();
                }
                acked.countDown();
              });
        }
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
