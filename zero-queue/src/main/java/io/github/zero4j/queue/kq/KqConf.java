package io.github.zero4j.queue.kq;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.ByteSize;
import io.github.zero4j.core.conf.Default;
import io.github.zero4j.core.conf.OptionalKey;
import io.github.zero4j.core.conf.Options;
import io.github.zero4j.core.conf.Range;
import java.time.Duration;
import java.util.List;

/**
 * go-queue's {@code kq.KqConf} with its keys and defaults, plus zero4j's retry, dead-letter and
 * back-pressure keys, so a go-queue block binds unchanged through {@code
 * io.github.zero4j.core.conf.Conf}:
 *
 * <pre>{@code
 * PaymentUpdateStatusConf:
 *   Name: PaymentUpdateStatus
 *   Brokers:
 *     - kafka:9092
 *   Group: payment-update-paystatus-group
 *   Topic: payment-update-paystatus-topic
 *   Offset: first
 *   Consumers: 1
 *   Processors: 1
 *   Retries: 5                          # zero4j: retries before giving up (default 3)
 *   DeadLetterTopic: payment-update-dlt # zero4j: where given-up messages go (default: none)
 * }</pre>
 *
 * In code: {@code KqConf.builder(List.of("kafka:9092"), "group", "topic").processors(16).build()}.
 *
 * @param name go-zero's {@code ServiceConf.Name}: names the stat line and metrics; default the
 *     topic. go-queue embeds the whole {@code ServiceConf}; only {@code Name} is accepted here
 * @param brokers bootstrap servers, {@code host:port}
 * @param group the consumer group
 * @param topic the topic consumed
 * @param caFile a PEM file of trusted CA certificates: the connection uses TLS. Unlike go-queue,
 *     the broker's certificate is verified
 * @param offset {@value #FIRST} or {@value #LAST}: where a group without a committed offset starts
 *     (Kafka's {@code auto.offset.reset}); default {@value #LAST}
 * @param conns go-queue's number of readers; the queue runs {@code conns * consumers} group members
 *     and {@code conns * processors} handler calls at once. Default 1
 * @param consumers poll threads per reader, each a group member with its own {@code KafkaConsumer};
 *     default 8 (go-queue's fetch goroutines). A member fetches from all its partitions at once, so
 *     1 or 2 usually suffice
 * @param processors handler calls running at once per reader; default 8
 * @param minBytes {@code fetch.min.bytes}; default 10240 (10 KiB)
 * @param maxBytes {@code fetch.max.bytes}; default 10485760 (10 MiB)
 * @param username SASL/PLAIN user, used when both it and {@code password} are set
 * @param password SASL/PLAIN password
 * @param forceCommit go-queue's default {@code true}: a message whose retries all failed is
 *     committed (after the dead-letter topic took it, if there is one). {@code false} without a
 *     dead-letter topic retries it forever (backoff capped at {@code retryMaxBackoff}), holding its
 *     key and its partition's commit, so it is never skipped
 * @param commitInOrder go-queue's ordered mode. Commits are always in order here (never past an
 *     unfinished message); {@code true} also handles each partition strictly in offset order, one
 *     message at a time, instead of per key
 * @param commitInterval how often offsets are committed; go-queue's {@code WithCommitInterval},
 *     default 1 s
 * @param maxWait {@code fetch.max.wait.ms}, go-queue's {@code WithMaxWait}; default 1 s
 * @param retries zero4j: how many times a failed message is retried before it is given up; default
 *     3, 0 for none
 * @param retryBackoff zero4j: the first retry's backoff; it doubles for each further retry, with
 *     jitter; default 100 ms
 * @param retryMaxBackoff zero4j: the backoff cap; default 10 s
 * @param deadLetterTopic zero4j: where given-up messages are written, with error headers ({@code
 *     DeadLetterHeaders}); empty (default) for none
 * @param maxInFlight zero4j: messages fetched but not finished, across the queue, before fetching
 *     pauses (it resumes at half); default 1000, go-queue's {@code WithQueueCapacity}
 * @param keyOrdered zero4j: messages with the same key are handled one at a time in offset order,
 *     different keys in parallel (default {@code true}); {@code false} handles every message
 *     independently
 * @param drainTimeout zero4j: how long stopping or a rebalance waits for the fetched messages to
 *     finish before committing and letting go; default 5 s (within go-zero's 5.5 s shutdown wait)
 */
public record KqConf(
    @OptionalKey String name,
    List<String> brokers,
    String group,
    String topic,
    @OptionalKey String caFile,
    @Default(LAST) @Options({FIRST, LAST}) String offset,
    @Default("1") @Range("[1:]") int conns,
    @Default("8") @Range("[1:]") int consumers,
    @Default("8") @Range("[1:]") int processors,
    @Default("10240") @ByteSize @Range("[1:]") int minBytes,
    @Default("10485760") @ByteSize @Range("[1:]") int maxBytes,
    @OptionalKey String username,
    @OptionalKey String password,
    @Default("true") boolean forceCommit,
    @Default("false") boolean commitInOrder,
    @Default("1s") Duration commitInterval,
    @Default("1s") Duration maxWait,
    @Default("3") @Range("[0:]") int retries,
    @Default("100ms") Duration retryBackoff,
    @Default("10s") Duration retryMaxBackoff,
    @OptionalKey String deadLetterTopic,
    @Default("1000") @Range("[1:]") int maxInFlight,
    @Default("true") boolean keyOrdered,
    @Default("5s") Duration drainTimeout) {

  /** {@code Offset}: start from the earliest retained message. */
  public static final String FIRST = "first";

  /** {@code Offset}: start from the next message written (go-queue's default). */
  public static final String LAST = "last";

  /** go-queue's {@code Conns} default. */
  public static final int DEFAULT_CONNS = 1;

  /** go-queue's {@code Consumers} default. */
  public static final int DEFAULT_CONSUMERS = 8;

  /** go-queue's {@code Processors} default. */
  public static final int DEFAULT_PROCESSORS = 8;

  /** go-queue's {@code MinBytes} default, 10 KiB. */
  public static final int DEFAULT_MIN_BYTES = 10 * 1024;

  /** go-queue's {@code MaxBytes} default, 10 MiB. */
  public static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

  /** go-queue's default commit interval ({@code WithCommitInterval}). */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);

  /** go-queue's default fetch wait ({@code WithMaxWait}). */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

  /** zero4j: retries before a message is given up. */
  public static final int DEFAULT_RETRIES = 3;

  /** zero4j: the first retry's backoff. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);

  /** zero4j: the backoff cap. */
  public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(10);

  /** zero4j: messages in flight before fetching pauses; go-queue's queue capacity (1000). */
  public static final int DEFAULT_MAX_IN_FLIGHT = 1000;

  /** zero4j: how long a stop or revoke waits for fetched messages; within go-zero's 5.5 s. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(5);

  /** Validates every field against the others. */
  public KqConf {
    requireNonNull(name, "name");
    requireNonNull(brokers, "brokers");
    requireNonNull(group, "group");
    requireNonNull(topic, "topic");
    requireNonNull(caFile, "caFile");
    requireNonNull(offset, "offset");
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    requireNonNull(commitInterval, "commitInterval");
    requireNonNull(maxWait, "maxWait");
    requireNonNull(retryBackoff, "retryBackoff");
    requireNonNull(retryMaxBackoff, "retryMaxBackoff");
    requireNonNull(deadLetterTopic, "deadLetterTopic");
    requireNonNull(drainTimeout, "drainTimeout");
    brokers = List.copyOf(brokers);
    if (brokers.isEmpty() || brokers.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("brokers: " + brokers + " (expected: host:port, ...)");
    }
    requireText("group", group);
    requireText("topic", topic);
    if (!offset.equals(FIRST) && !offset.equals(LAST)) {
      throw new IllegalArgumentException(
          "offset: \"" + offset + "\" (expected: " + FIRST + " or " + LAST + ")");
    }
    requireAtLeast("conns", conns, 1);
    requireAtLeast("consumers", consumers, 1);
    requireAtLeast("processors", processors, 1);
    requireAtLeast("minBytes", minBytes, 1);
    requireAtLeast("maxBytes", maxBytes, minBytes);
    requireAtLeast("retries", retries, 0);
    requireAtLeast("maxInFlight", maxInFlight, 1);
    requirePositive("commitInterval", commitInterval);
    requireNotNegative("maxWait", maxWait);
    requireNotNegative("retryBackoff", retryBackoff);
    requireNotNegative("drainTimeout", drainTimeout);
    if (retryMaxBackoff.compareTo(retryBackoff) < 0) {
      throw new IllegalArgumentException(
          "retryMaxBackoff: "
              + retryMaxBackoff
              + " (expected: >= retryBackoff "
              + retryBackoff
              + ")");
    }
    if (deadLetterTopic.equals(topic)) {
      throw new IllegalArgumentException(
          "deadLetterTopic: " + deadLetterTopic + " (expected: a topic other than " + topic + ")");
    }
  }

  /** A configuration with every default; the three arguments have none. */
  public static Builder builder(List<String> brokers, String group, String topic) {
    return new Builder(brokers, group, topic);
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@link #name()}, or the topic when no name is set. */
  public String displayName() {
    return name.isEmpty() ? topic : name;
  }

  /** Whether given-up messages go to {@link #deadLetterTopic()}. */
  public boolean hasDeadLetterTopic() {
    return !deadLetterTopic.isEmpty();
  }

  /** Hides the password. */
  @Override
  public String toString() {
    return "KqConf[name="
        + name
        + ", brokers="
        + brokers
        + ", group="
        + group
        + ", topic="
        + topic
        + ", offset="
        + offset
        + ", conns="
        + conns
        + ", consumers="
        + consumers
        + ", processors="
        + processors
        + ", username="
        + username
        + ", password="
        + (password.isEmpty() ? "" : "******")
        + ", forceCommit="
        + forceCommit
        + ", commitInOrder="
        + commitInOrder
        + ", retries="
        + retries
        + ", deadLetterTopic="
        + deadLetterTopic
        + ", maxInFlight="
        + maxInFlight
        + ", keyOrdered="
        + keyOrdered
        + "]";
  }

  private static void requireText(String name, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + ": \"" + value + "\" (expected: not blank)");
    }
  }

  private static void requireAtLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }

  private static void requireNotNegative(String name, Duration value) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
    }
  }

  /**
   * Builds a {@link KqConf}. Setters check their argument at once, {@link #build()} the fields
   * against each other. Not thread-safe.
   */
  public static final class Builder {
    private String name = "";
    private List<String> brokers;
    private String group;
    private String topic;
    private String caFile = "";
    private String offset = LAST;
    private int conns = DEFAULT_CONNS;
    private int consumers = DEFAULT_CONSUMERS;
    private int processors = DEFAULT_PROCESSORS;
    private int minBytes = DEFAULT_MIN_BYTES;
    private int maxBytes = DEFAULT_MAX_BYTES;
    private String username = "";
    private String password = "";
    private boolean forceCommit = true;
    private boolean commitInOrder;
    private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
    private Duration maxWait = DEFAULT_MAX_WAIT;
    private int retries = DEFAULT_RETRIES;
    private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
    private Duration retryMaxBackoff = DEFAULT_RETRY_MAX_BACKOFF;
    private String deadLetterTopic = "";
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private boolean keyOrdered = true;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;

    Builder(List<String> brokers, String group, String topic) {
      this.brokers = List.copyOf(requireNonNull(brokers, "brokers"));
      this.group = requireNonNull(group, "group");
      this.topic = requireNonNull(topic, "topic");
    }

    Builder(KqConf c) {
      name = c.name;
      brokers = c.brokers;
      group = c.group;
      topic = c.topic;
      caFile = c.caFile;
      offset = c.offset;
      conns = c.conns;
      consumers = c.consumers;
      processors = c.processors;
      minBytes = c.minBytes;
      maxBytes = c.maxBytes;
      username = c.username;
      password = c.password;
      forceCommit = c.forceCommit;
      commitInOrder = c.commitInOrder;
      commitInterval = c.commitInterval;
      maxWait = c.maxWait;
      retries = c.retries;
      retryBackoff = c.retryBackoff;
      retryMaxBackoff = c.retryMaxBackoff;
      deadLetterTopic = c.deadLetterTopic;
      maxInFlight = c.maxInFlight;
      keyOrdered = c.keyOrdered;
      drainTimeout = c.drainTimeout;
    }

    public Builder name(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    public Builder brokers(List<String> brokers) {
      this.brokers = List.copyOf(requireNonNull(brokers, "brokers"));
      return this;
    }

    public Builder group(String group) {
      requireText("group", requireNonNull(group, "group"));
      this.group = group;
      return this;
    }

    public Builder topic(String topic) {
      requireText("topic", requireNonNull(topic, "topic"));
      this.topic = topic;
      return this;
    }

    public Builder caFile(String caFile) {
      this.caFile = requireNonNull(caFile, "caFile");
      return this;
    }

    /** {@value KqConf#FIRST} or {@value KqConf#LAST}. */
    public Builder offset(String offset) {
      requireNonNull(offset, "offset");
      if (!offset.equals(FIRST) && !offset.equals(LAST)) {
        throw new IllegalArgumentException(
            "offset: \"" + offset + "\" (expected: " + FIRST + " or " + LAST + ")");
      }
      this.offset = offset;
      return this;
    }

    public Builder conns(int conns) {
      requireAtLeast("conns", conns, 1);
      this.conns = conns;
      return this;
    }

    public Builder consumers(int consumers) {
      requireAtLeast("consumers", consumers, 1);
      this.consumers = consumers;
      return this;
    }

    public Builder processors(int processors) {
      requireAtLeast("processors", processors, 1);
      this.processors = processors;
      return this;
    }

    public Builder minBytes(int minBytes) {
      requireAtLeast("minBytes", minBytes, 1);
      this.minBytes = minBytes;
      return this;
    }

    public Builder maxBytes(int maxBytes) {
      requireAtLeast("maxBytes", maxBytes, 1);
      this.maxBytes = maxBytes;
      return this;
    }

    /** SASL/PLAIN credentials. */
    public Builder credentials(String username, String password) {
      this.username = requireNonNull(username, "username");
      this.password = requireNonNull(password, "password");
      return this;
    }

    public Builder forceCommit(boolean forceCommit) {
      this.forceCommit = forceCommit;
      return this;
    }

    public Builder commitInOrder(boolean commitInOrder) {
      this.commitInOrder = commitInOrder;
      return this;
    }

    public Builder commitInterval(Duration commitInterval) {
      requirePositive("commitInterval", requireNonNull(commitInterval, "commitInterval"));
      this.commitInterval = commitInterval;
      return this;
    }

    public Builder maxWait(Duration maxWait) {
      requireNotNegative("maxWait", requireNonNull(maxWait, "maxWait"));
      this.maxWait = maxWait;
      return this;
    }

    public Builder retries(int retries) {
      requireAtLeast("retries", retries, 0);
      this.retries = retries;
      return this;
    }

    public Builder retryBackoff(Duration retryBackoff) {
      requireNotNegative("retryBackoff", requireNonNull(retryBackoff, "retryBackoff"));
      this.retryBackoff = retryBackoff;
      return this;
    }

    public Builder retryMaxBackoff(Duration retryMaxBackoff) {
      requireNotNegative("retryMaxBackoff", requireNonNull(retryMaxBackoff, "retryMaxBackoff"));
      this.retryMaxBackoff = retryMaxBackoff;
      return this;
    }

    /** The dead-letter topic; {@code ""} for none. */
    public Builder deadLetterTopic(String deadLetterTopic) {
      this.deadLetterTopic = requireNonNull(deadLetterTopic, "deadLetterTopic");
      return this;
    }

    public Builder maxInFlight(int maxInFlight) {
      requireAtLeast("maxInFlight", maxInFlight, 1);
      this.maxInFlight = maxInFlight;
      return this;
    }

    public Builder keyOrdered(boolean keyOrdered) {
      this.keyOrdered = keyOrdered;
      return this;
    }

    public Builder drainTimeout(Duration drainTimeout) {
      requireNotNegative("drainTimeout", requireNonNull(drainTimeout, "drainTimeout"));
      this.drainTimeout = drainTimeout;
      return this;
    }

    public KqConf build() {
      return new KqConf(
          name,
          brokers,
          group,
          topic,
          caFile,
          offset,
          conns,
          consumers,
          processors,
          minBytes,
          maxBytes,
          username,
          password,
          forceCommit,
          commitInOrder,
          commitInterval,
          maxWait,
          retries,
          retryBackoff,
          retryMaxBackoff,
          deadLetterTopic,
          maxInFlight,
          keyOrdered,
          drainTimeout);
    }
  }
}
