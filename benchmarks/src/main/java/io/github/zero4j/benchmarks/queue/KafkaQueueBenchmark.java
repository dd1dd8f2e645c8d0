package io.github.zero4j.benchmarks.queue;

import io.github.zero4j.core.sync.Workers;
import io.github.zero4j.queue.Message;
import io.github.zero4j.queue.MessageHandler;
import io.github.zero4j.queue.kq.KafkaQueue;
import io.github.zero4j.queue.kq.KqConf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Consumer throughput and end-to-end latency: {@link KafkaQueue} against the loop people write by
 * hand with kafka-clients: poll, hand every record of the batch to a worker ({@link Workers}:
 * virtual threads on JDK 21+, a platform pool otherwise, at most {@code concurrency} at once), wait
 * for the whole batch, {@code commitAsync}, poll again. Both use the same fetch settings ({@code
 * fetch.min.bytes=1}, {@code fetch.max.wait.ms=100}, 500 records per poll) and the same worker
 * concurrency ({@code Processors} for ours).
 *
 * <ul>
 *   <li>Throughput: {@code messages} records of 100 bytes over {@code keys} keys are written first;
 *       records/s is counted from start to the last record handled. The work per record is 0 or 100
 *       µs of blocking (a park, as an I/O call would block), not CPU.
 *   <li>Latency: a producer writes {@code rate} records/s for {@code seconds} with its send time in
 *       the value; the consumer records now minus send time (same JVM clock) into a histogram,
 *       after a one-second warm-up; p50, p99 and max are printed.
 * </ul>
 *
 * The two do not do the same work: ours keeps each key's records in order and commits only below
 * unfinished records (so it can move on while a slow record runs), the hand-written loop handles a
 * batch's records in any order and stalls the partition until its slowest record finishes.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.zero4j.benchmarks.queue.KafkaQueueBenchmark \
 *     127.0.0.1:9092 [messages=1000000] [partitions=6] [keys=1000] [concurrency=64] [rate=5000] \
 *     [seconds=10]
 * </pre>
 */
public final class KafkaQueueBenchmark {
  private static final int MAX_POLL_RECORDS = 500;
  private static final int FETCH_MAX_WAIT_MS = 100;
  private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

  private KafkaQueueBenchmark() {}

  /** What a run measures. */
  private interface Consumer {
    /** Consumes {@code topic} calling {@code handler} until {@code done} reaches zero. */
    void run(String topic, MessageHandler handler, CountDownLatch done) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println(
          "usage: KafkaQueueBenchmark <bootstrap> [messages] [partitions] [keys] [concurrency]"
              + " [rate] [seconds]");
      System.exit(2);
    }
    String bootstrap = args[0];
    int messages = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    int keys = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 64;
    int rate = args.length > 5 ? Integer.parseInt(args[5]) : 5000;
    int seconds = args.length > 6 ? Integer.parseInt(args[6]) : 10;

    Consumer raw = (topic, handler, done) -> rawLoop(bootstrap, topic, concurrency, handler, done);
    Consumer ours = (topic, handler, done) -> ours(bootstrap, topic, concurrency, handler, done);
    List<String> rows = new ArrayList<>();
    try (BenchTopics topics = new BenchTopics(bootstrap, partitions)) {
      for (long workMicros : new long[] {0, 100}) {
        double r = throughput(bootstrap, topics, raw, messages, keys, workMicros);
        System.out.printf(Locale.ROOT, "raw, %d us: %.0f records/s%n", workMicros, r);
        double o = throughput(bootstrap, topics, ours, messages, keys, workMicros);
        System.out.printf(Locale.ROOT, "ours, %d us: %.0f records/s%n", workMicros, o);
        rows.add(
            String.format(
                Locale.ROOT,
                "| throughput, %d us work | %.0f records/s | %.0f records/s | %.2f |",
                workMicros,
                r,
                o,
                o / r));
      }
      Histogram r = latency(bootstrap, topics, raw, keys, rate, seconds);
      System.out.printf(
          Locale.ROOT, "raw latency p99: %.1f ms%n", r.getValueAtPercentile(99) / 1e6);
      Histogram o = latency(bootstrap, topics, ours, keys, rate, seconds);
      System.out.printf(
          Locale.ROOT, "ours latency p99: %.1f ms%n", o.getValueAtPercentile(99) / 1e6);
      rows.add(latencyRow("p50", rate, r.getValueAtPercentile(50), o.getValueAtPercentile(50)));
      rows.add(latencyRow("p99", rate, r.getValueAtPercentile(99), o.getValueAtPercentile(99)));
      rows.add(latencyRow("max", rate, r.getMaxValue(), o.getMaxValue()));
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "| %d x 100 B, %d partitions, %d keys, concurrency %d, %s | raw poll loop | ours"
            + " KafkaQueue | ours/raw |%n",
        messages,
        partitions,
        keys,
        concurrency,
        Workers.virtualThreadsAvailable() ? "virtual threads" : "platform threads");
    System.out.println("|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  private static String latencyRow(String what, int rate, long rawNanos, long oursNanos) {
    return String.format(
        Locale.ROOT,
        "| end-to-end %s at %d/s | %.1f ms | %.1f ms | %.2f |",
        what,
        rate,
        rawNanos / 1e6,
        oursNanos / 1e6,
        (double) oursNanos / rawNanos);
  }

  private static double throughput(
      String bootstrap,
      BenchTopics topics,
      Consumer consumer,
      int messages,
      int keys,
      long workMicros)
      throws Exception {
    String topic = topics.create("bench-queue");
    String value = BenchTopics.value("0");
    AtomicLong lost = new AtomicLong();
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      for (int i = 0; i < messages; i++) {
        producer.send(
            new ProducerRecord<>(topic, "key-" + (i % keys), value),
            (metadata, error) -> {
              if (error != null) {
                lost.incrementAndGet();
              }
            });
      }
      producer.flush();
    }
    if (lost.get() > 0) {
      throw new IllegalStateException(lost.get() + " records could not be written to " + topic);
    }
    long workNanos = TimeUnit.MICROSECONDS.toNanos(workMicros);
    CountDownLatch done = new CountDownLatch(messages);
    long start = System.nanoTime();
    consumer.run(
        topic,
        m -> {
          if (workNanos > 0) {
            LockSupport.parkNanos(workNanos);
          }
          done.countDown();
        },
        done);
    return messages / ((System.nanoTime() - start) / 1e9);
  }

  private static Histogram latency(
      String bootstrap, BenchTopics topics, Consumer consumer, int keys, int rate, int seconds)
      throws Exception {
    String topic = topics.create("bench-latency");
    int total = rate * seconds;
    Recorder recorder = new Recorder(3);
    CountDownLatch done = new CountDownLatch(total);
    long origin = System.nanoTime();
    AtomicBoolean failed = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
                long next = System.nanoTime();
                for (int i = 0; i < total; i++) {
                  long now;
                  while ((now = System.nanoTime()) < next) {
                    LockSupport.parkNanos(next - now);
                  }
                  next += intervalNanos;
                  producer.send(
                      new ProducerRecord<>(
                          topic, "key-" + (i % keys), BenchTopics.value(Long.toString(now))),
                      (metadata, error) -> {
                        if (error != null) {
                          failed.set(true);
                        }
                      });
                }
              } catch (RuntimeException e) {
                failed.set(true);
              }
            },
            "bench-latency-writer");
    writer.setDaemon(true);
    MessageHandler handler =
        m -> {
          long sent = Long.parseLong(m.value().substring(0, m.value().indexOf(':')));
          long now = System.nanoTime();
          if (sent - origin > WARM_UP_NANOS) {
            recorder.recordValue(Math.max(0, now - sent));
          }
          done.countDown();
        };
    writer.start();
    consumer.run(topic, handler, done);
    writer.join();
    if (failed.get()) {
      throw new IllegalStateException("the latency writer failed");
    }
    return recorder.getIntervalHistogram();
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(
        PusherBenchmark.sameSettings(bootstrap), new StringSerializer(), new StringSerializer());
  }

  private static void ours(
      String bootstrap, String topic, int concurrency, MessageHandler handler, CountDownLatch done)
      throws InterruptedException {
    KqConf conf =
        KqConf.builder(List.of(bootstrap), "bench-ours-" + topic, topic)
            .offset(KqConf.FIRST)
            .consumers(1)
            .processors(concurrency)
            .minBytes(1)
            .maxWait(Duration.ofMillis(FETCH_MAX_WAIT_MS))
            .build();
    KafkaQueue queue = KafkaQueue.create(conf, handler);
    queue.start();
    try {
      if (!done.await(30, TimeUnit.MINUTES)) {
        throw new IllegalStateException("ours did not finish");
      }
    } finally {
      queue.stop();
    }
  }

  /** The hand-written baseline: poll, run the batch on workers, wait for it, commit. */
  private static void rawLoop(
      String bootstrap, String topic, int concurrency, MessageHandler handler, CountDownLatch done)
      throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + topic);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
    ExecutorService workers = Workers.newExecutor("bench-raw-worker-", concurrency);
    Semaphore permits = new Semaphore(concurrency);
    AtomicLong errors = new AtomicLong();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (done.getCount() > 0) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
        if (records.isEmpty()) {
          continue;
        }
        CountDownLatch batch = new CountDownLatch(records.count());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
          Message m =
              Message.builder(r.topic(), r.value())
                  .key(r.key())
                  .partition(r.partition())
                  .offset(r.offset())
                  .build();
          permits.acquire();
          workers.execute(
              () -> {
                try {
                  handler.handle(m);
                } catch (Exception e) {
                  errors.incrementAndGet();
                } finally {
                  permits.release();
                  batch.countDown();
                }
              });
          offsets.put(
              new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        batch.await();
        consumer.commitAsync(offsets, null);
      }
      consumer.commitSync();
    } finally {
      workers.shutdownNow();
    }
    if (errors.get() > 0) {
      throw new IllegalStateException(errors.get() + " handler errors");
    }
  }
}
