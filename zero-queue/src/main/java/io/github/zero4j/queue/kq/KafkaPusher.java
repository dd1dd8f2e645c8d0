package io.github.zero4j.queue.kq;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.queue.PushCallback;
import io.github.zero4j.queue.PushException;
import io.github.zero4j.queue.PushResult;
import io.github.zero4j.queue.Pusher;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Pusher} on a kafka-clients {@code KafkaProducer}: go-queue's {@code kq.NewPusher}, with
 * the producer settings go-queue should have had.
 *
 * <pre>{@code
 * Pusher pusher = KafkaPusher.builder(List.of("kafka:9092"), "payment-update-paystatus-topic")
 *     .deliveryTimeout(Duration.ofSeconds(10))
 *     .build();
 * pusher.push(orderSn, json);
 * }</pre>
 *
 * <ul>
 *   <li>Idempotent with {@code acks=all} (go-queue: no acknowledgement at all), so a broker
 *       failover neither loses nor duplicates an acknowledged message.
 *   <li>Batching is kafka-clients' own: {@code linger.ms} {@value #DEFAULT_LINGER_MS} ms, {@code
 *       batch.size} 16 KiB; go-queue's chunk executor is not needed. Snappy compression, as
 *       go-queue.
 *   <li>Keys pick the partition (murmur2 hash), so one key's messages stay in order; go-queue's
 *       LeastBytes balancer ignores keys. {@link #pushAsync(String)} sends no key (go-queue sends
 *       the time in nanoseconds as key) and the producer spreads such messages over partitions.
 *   <li>Every push's outcome reaches the caller within {@link Builder#deliveryTimeout}: the
 *       producer's {@code delivery.timeout.ms} and {@code max.block.ms} are both set to it (and
 *       {@code request.timeout.ms} fitted under it), so a push that blocks for metadata or buffer
 *       space fails at the latest after it too. go-queue only logs failed writes.
 *   <li>The current OpenTelemetry context goes into the headers ({@code traceparent}).
 * </ul>
 *
 * <p>A future returned by {@code pushAsync} completes on the producer's I/O thread: keep non-async
 * continuations short or use the {@code *Async} variants. A {@link PushCallback} runs there too;
 * with many messages in flight it is the cheaper of the two (no future per message). Thread-safe.
 */
public final class KafkaPusher implements Pusher {
  private static final Logger log = LoggerFactory.getLogger(KafkaPusher.class);

  /** Default delivery timeout: how long a push may take before it fails. */
  public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  /** kafka-clients 4's own {@code linger.ms} default. */
  public static final int DEFAULT_LINGER_MS = 5;

  /** go-queue's compression. */
  public static final String DEFAULT_COMPRESSION = "snappy";

  /** kafka-clients' {@code request.timeout.ms} default, lowered when the delivery timeout is. */
  private static final Duration KAFKA_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");

  private final String topic;
  private final Producer<String, String> producer;
  private final Tracing tracing;
  private final Duration closeTimeout;
  private volatile boolean closed;

  private KafkaPusher(Builder b) {
    this.topic = b.topic;
    this.tracing = b.tracing;
    this.closeTimeout = b.closeTimeout != null ? b.closeTimeout : b.deliveryTimeout;
    this.producer =
        new KafkaProducer<>(b.properties(), new StringSerializer(), new StringSerializer());
  }

  /** A pusher with the defaults. */
  public static KafkaPusher create(List<String> brokers, String topic) {
    return builder(brokers, topic).build();
  }

  /** A builder for a pusher to {@code topic} through {@code brokers} ({@code host:port}). */
  public static Builder builder(List<String> brokers, String topic) {
    return new Builder(brokers, topic);
  }

  /**
   * A builder for a pusher to {@code conf}'s topic, with its brokers and security settings (a
   * go-zero service usually has a {@code KqPusherConf} with just {@code Brokers} and {@code
   * Topic}).
   */
  public static Builder builder(KqConf conf) {
    requireNonNull(conf, "conf");
    return new Builder(conf.brokers(), conf.topic())
        .caFile(conf.caFile())
        .credentials(conf.username(), conf.password());
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public CompletableFuture<PushResult> pushAsync(String value) {
    requireNonNull(value, "value");
    return send(null, value, Map.of());
  }

  @Override
  public CompletableFuture<PushResult> pushAsync(
      String key, String value, Map<String, String> headers) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    requireNonNull(headers, "headers");
    return send(key, value, headers);
  }

  @Override
  public void pushAsync(String value, PushCallback callback) {
    requireNonNull(value, "value");
    requireNonNull(callback, "callback");
    produce(null, value, Map.of(), new Delivery(topic, callback));
  }

  @Override
  public void pushAsync(
      String key, String value, Map<String, String> headers, PushCallback callback) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    requireNonNull(headers, "headers");
    requireNonNull(callback, "callback");
    produce(key, value, headers, new Delivery(topic, callback));
  }

  private CompletableFuture<PushResult> send(
      @Nullable String key, String value, Map<String, String> headers) {
    PushFuture future = new PushFuture();
    produce(key, value, headers, new Delivery(topic, future));
    return future;
  }

  /**
   * Straight onto {@code KafkaProducer.send(record, callback)}: for a callback push the only
   * allocation beyond the producer's own is the {@link Delivery} it keeps per record (a raw send
   * with a lambda callback keeps one too), and a {@link PushResult} when the acknowledgement
   * arrives.
   */
  private void produce(
      @Nullable String key, String value, Map<String, String> headers, Delivery delivery) {
    if (closed) {
      delivery.fail(new PushException(topic, "the pusher is closed", null));
      return;
    }
    try {
      producer.send(new ProducerRecord<>(topic, null, key, value, headers(headers)), delivery);
    } catch (RuntimeException e) {
      // Metadata or buffer space not available within max.block.ms, a closed producer, a record
      // too large: kafka-clients has not called the callback then. Fail the push instead of
      // throwing, as the contract says.
      delivery.fail(new PushException(topic, e.toString(), e));
    }
  }

  /**
   * The caller's headers, then the current trace context; {@code null} (the producer's own empty
   * headers, nothing allocated here) when there are none. The root context carries neither a span
   * nor baggage, so the propagator is not asked then: the common case without tracing costs one
   * thread-local read.
   */
  private @Nullable List<Header> headers(Map<String, String> extra) {
    Context context = Context.current();
    boolean traced = context != Context.root();
    if (extra.isEmpty() && !traced) {
      return null;
    }
    List<Header> list = new ArrayList<>(extra.size() + (traced ? 3 : 0));
    extra.forEach((k, v) -> list.add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
    if (traced) {
      tracing.inject(
          context, (k, v) -> list.add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
    }
    return list.isEmpty() ? null : list;
  }

  /**
   * Sends everything buffered and waits up to the close timeout (default: the delivery timeout);
   * what is still not acknowledged then fails its future. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    producer.close(closeTimeout);
  }

  @Override
  public String toString() {
    return "KafkaPusher(" + topic + ")";
  }

  /**
   * The producer's callback for one push: translates kafka-clients' (metadata, exception) pair,
   * where a failed send may carry placeholder metadata too, into exactly one of a {@link
   * PushResult} or a {@link PushException}, and tells the push's callback once at most.
   *
   * <p>Every push, with a callback or a future, goes through this one class, so the producer's call
   * site for its callback sees one type however an application pushes: the JIT inlines it there and
   * the producer's {@code RecordMetadata} for each record does not escape. (With a second class for
   * the future pushes it did, 40 B per record, as soon as an application used both kinds.)
   */
  private static final class Delivery implements Callback {
    private static final AtomicIntegerFieldUpdater<Delivery> FIRED =
        AtomicIntegerFieldUpdater.newUpdater(Delivery.class, "fired");

    private final String topic;
    private final PushCallback callback;
    private volatile int fired;

    Delivery(String topic, PushCallback callback) {
      this.topic = topic;
      this.callback = callback;
    }

    @Override
    public void onCompletion(@Nullable RecordMetadata metadata, @Nullable Exception error) {
      if (error != null) {
        fail(new PushException(topic, error.toString(), error));
      } else if (metadata != null) {
        tell(new PushResult(metadata.topic(), metadata.partition(), metadata.offset()), null);
      } else {
        fail(new PushException(topic, "no metadata and no error", null));
      }
    }

    void fail(PushException error) {
      tell(null, error);
    }

    private void tell(@Nullable PushResult result, @Nullable PushException error) {
      if (!FIRED.compareAndSet(this, 0, 1)) {
        return;
      }
      try {
        callback.onCompletion(result, error);
      } catch (RuntimeException e) {
        log.warn("the push callback of {} failed", topic, e);
      }
    }
  }

  /** The future of a {@code pushAsync} without a callback: its own callback completes it. */
  private static final class PushFuture extends CompletableFuture<PushResult>
      implements PushCallback {
    @Override
    public void onCompletion(@Nullable PushResult result, @Nullable PushException error) {
      if (error != null) {
        completeExceptionally(error);
      } else {
        complete(result);
      }
    }
  }

  /** Builds a {@link KafkaPusher}. Not thread-safe. */
  public static final class Builder {
    private final List<String> brokers;
    private final String topic;
    private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;
    private @Nullable Duration closeTimeout;
    private int lingerMs = DEFAULT_LINGER_MS;
    private int batchSize = -1;
    private String compression = DEFAULT_COMPRESSION;
    private String caFile = "";
    private String username = "";
    private String password = "";
    private String clientId = "";
    private Tracing tracing = Tracing.global();
    private final Map<String, Object> overrides = new HashMap<>();

    Builder(List<String> brokers, String topic) {
      this.brokers = List.copyOf(requireNonNull(brokers, "brokers"));
      this.topic = requireNonNull(topic, "topic");
      if (this.brokers.isEmpty()) {
        throw new IllegalArgumentException("brokers: [] (expected: host:port, ...)");
      }
      if (topic.isBlank()) {
        throw new IllegalArgumentException("topic: \"" + topic + "\" (expected: not blank)");
      }
    }

    /**
     * How long a push may take, buffering, blocking and retries included, before it fails; default
     * {@link #DEFAULT_DELIVERY_TIMEOUT}. Also bounds {@link #close()}.
     */
    public Builder deliveryTimeout(Duration deliveryTimeout) {
      requireNonNull(deliveryTimeout, "deliveryTimeout");
      if (deliveryTimeout.toMillis() <= 0) {
        throw new IllegalArgumentException(
            "deliveryTimeout: " + deliveryTimeout + " (expected: >= 1ms)");
      }
      this.deliveryTimeout = deliveryTimeout;
      return this;
    }

    /**
     * How long {@link #close()} waits for buffered messages before failing them; default the
     * delivery timeout.
     */
    public Builder closeTimeout(Duration closeTimeout) {
      requireNonNull(closeTimeout, "closeTimeout");
      if (closeTimeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout: " + closeTimeout + " (expected: >= 0)");
      }
      this.closeTimeout = closeTimeout;
      return this;
    }

    /** {@code linger.ms}: how long a batch waits for more messages; default 5 ms. */
    public Builder linger(Duration linger) {
      requireNonNull(linger, "linger");
      if (linger.isNegative()) {
        throw new IllegalArgumentException("linger: " + linger + " (expected: >= 0)");
      }
      this.lingerMs = (int) Math.min(Integer.MAX_VALUE, linger.toMillis());
      return this;
    }

    /** {@code batch.size} in bytes; default kafka-clients' 16 KiB. */
    public Builder batchSize(int batchSize) {
      if (batchSize < 0) {
        throw new IllegalArgumentException("batchSize: " + batchSize + " (expected: >= 0)");
      }
      this.batchSize = batchSize;
      return this;
    }

    /** none, gzip, snappy (default, as go-queue), lz4 or zstd. */
    public Builder compression(String compression) {
      requireNonNull(compression, "compression");
      if (!COMPRESSIONS.contains(compression)) {
        throw new IllegalArgumentException(
            "compression: " + compression + " (expected: one of " + COMPRESSIONS + ")");
      }
      this.compression = compression;
      return this;
    }

    /** A PEM file of trusted roots: use TLS. {@code ""} (default) for none. */
    public Builder caFile(String caFile) {
      this.caFile = requireNonNull(caFile, "caFile");
      return this;
    }

    /** SASL/PLAIN credentials; used when both are non-empty. */
    public Builder credentials(String username, String password) {
      this.username = requireNonNull(username, "username");
      this.password = requireNonNull(password, "password");
      return this;
    }

    /** {@code client.id}; default kafka-clients' generated one. */
    public Builder clientId(String clientId) {
      this.clientId = requireNonNull(clientId, "clientId");
      return this;
    }

    /** Where the trace context comes from; default {@link Tracing#global()}. */
    public Builder tracing(Tracing tracing) {
      this.tracing = requireNonNull(tracing, "tracing");
      return this;
    }

    /**
     * Any other producer setting, applied last. Settings that break the contract are refused:
     * {@code acks} other than {@code all}, idempotence off, a different delivery timeout (use
     * {@link #deliveryTimeout}).
     */
    public Builder property(String name, String value) {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      if (name.equals(ProducerConfig.ACKS_CONFIG) && !value.equals("all") && !value.equals("-1")) {
        throw new IllegalArgumentException("acks: " + value + " (expected: all)");
      }
      if (name.equals(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG) && !value.equals("true")) {
        throw new IllegalArgumentException("enable.idempotence: " + value + " (expected: true)");
      }
      if (name.equals(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)
          || name.equals(ProducerConfig.MAX_BLOCK_MS_CONFIG)) {
        throw new IllegalArgumentException(name + ": " + value + " (expected: deliveryTimeout())");
      }
      overrides.put(name, value);
      return this;
    }

    public KafkaPusher build() {
      if (lingerMs >= deliveryTimeout.toMillis()) {
        throw new IllegalArgumentException(
            "linger: " + lingerMs + "ms (expected: < deliveryTimeout " + deliveryTimeout + ")");
      }
      return new KafkaPusher(this);
    }

    Map<String, Object> properties() {
      Map<String, Object> p = new HashMap<>();
      ClientProps.common(p, brokers, caFile, username, password);
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
      p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
      if (batchSize >= 0) {
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
      }
      if (!clientId.isEmpty()) {
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
      }
      long delivery = deliveryTimeout.toMillis();
      // kafka-clients requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
      long request = Math.min(KAFKA_REQUEST_TIMEOUT.toMillis(), delivery - lingerMs);
      p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, delivery));
      p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, request));
      p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
      p.putAll(overrides);
      return p;
    }
  }
}
