package io.github.zero4j.queue.kq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.queue.PushCallback;
import io.github.zero4j.queue.PushException;
import io.github.zero4j.queue.PushOutcomes;
import io.github.zero4j.queue.PushResult;
import io.github.zero4j.queue.Pusher;
import io.github.zero4j.testing.KafkaBroker;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link KafkaPusher} against a real broker, read back by kcat as an outside client. */
class KafkaPusherIT {
  private static final int PARTITIONS = 3;

  /** The span of the caller whose trace context the pushes carry. */
  private static final SpanContext CALLER =
      SpanContext.create(
          "4bf92f3577b34da6a3ce929d0e0e4736",
          "00f067aa0ba902b7",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  @RegisterExtension static final KafkaBroker kafka = KafkaBroker.withDefaultPartitions(PARTITIONS);

  /**
   * Creates {@code topic} and waits until the broker leads it (see {@link KafkaAdmin#createTopic}).
   */
  private static String topic(String name) throws Exception {
    try (KafkaAdmin admin = new KafkaAdmin(kafka.bootstrapServers())) {
      admin.createTopic(name, PARTITIONS);
    }
    return name;
  }

  private List<String> brokers() {
    return List.of(kafka.bootstrapServers());
  }

  private static List<String> kcat(String topic, String format) throws Exception {
    Process p =
        new ProcessBuilder(
                "kcat", "-b", kafka.bootstrapServers(), "-C", "-t", topic, "-e", "-q", "-f", format)
            .redirectErrorStream(true)
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kcat did not finish");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }

  @Test
  void pushedMessages_areReadByKcat_withKeysHeadersAndTraceContext() throws Exception {
    String topic = topic("pusher-kcat");
    try (Pusher pusher =
        KafkaPusher.builder(brokers(), topic).tracing(Tracing.of(OpenTelemetry.noop())).build()) {
      PushResult first = pusher.push("k1", "v1");
      assertThat(first.topic()).isEqualTo(topic);
      assertThat(first.offset()).isZero();
      pusher.pushAsync("k2", "v2").get(30, TimeUnit.SECONDS);
      pusher.push("v3");
      try (Scope ignored = Span.wrap(CALLER).makeCurrent()) {
        pusher.push("k4", "v4", Map.of("source", "web"));
      }
      // A context with baggage and no span is not the root: it is propagated too.
      try (Scope ignored = Baggage.builder().put("tenant", "t1").build().makeCurrent()) {
        pusher.push("k5", "v5");
      }
    }

    assertThat(kcat(topic, "%k %s\\n"))
        .containsExactlyInAnyOrder("k1 v1", "k2 v2", " v3", "k4 v4", "k5 v5");
    assertThat(kcat(topic, "%k|%h\\n"))
        .contains(
            "k1|",
            "k2|",
            "k4|source=web,traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "k5|baggage=tenant=t1");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void callbackPush_tellsEachCallbackOnce_whereItsMessageWent_withHeadersAndTrace()
      throws Exception {
    String topic = topic("pusher-callback");
    int n = 502;
    PushOutcomes outcomes = new PushOutcomes(n);
    try (Pusher pusher =
        KafkaPusher.builder(brokers(), topic).tracing(Tracing.of(OpenTelemetry.noop())).build()) {
      for (int i = 0; i < 500; i++) {
        pusher.pushAsync("k" + (i % 7), "v" + i, outcomes.callback(i));
      }
      try (Scope ignored = Span.wrap(CALLER).makeCurrent()) {
        pusher.pushAsync("traced", "v500", Map.of("source", "web"), outcomes.callback(500));
      }
      pusher.pushAsync("v501", outcomes.callback(501));
      assertThat(outcomes.await(Duration.ofSeconds(60))).isTrue();

      assertThatThrownBy(() -> pusher.pushAsync("k", "v", (PushCallback) null))
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> pusher.pushAsync(null, "v", (r, e) -> {}))
          .isInstanceOf(NullPointerException.class);
    }

    assertThat(outcomes.notCalledExactlyOnce()).isEmpty();
    assertThat(outcomes.bothOrNeither()).isZero();
    List<PushResult> results = outcomes.results();
    assertThat(results).extracting(PushResult::topic).containsOnly(topic);
    assertThat(results).extracting(r -> r.partition() + "@" + r.offset()).doesNotHaveDuplicates();
    assertThat(kcat(topic, "%s\\n")).hasSize(n);
    assertThat(kcat(topic, "%k|%h\\n"))
        .contains(
            "traced|source=web,traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "k0|");
  }

  @Test
  void oneKey_staysInOnePartition_inOrder() throws Exception {
    try (Pusher pusher = KafkaPusher.create(brokers(), topic("pusher-order"))) {
      List<CompletableFuture<PushResult>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        futures.add(pusher.pushAsync("same-key", "v" + i));
      }
      List<PushResult> results = futures.stream().map(CompletableFuture::join).toList();
      assertThat(results)
          .extracting(PushResult::partition)
          .containsOnly(results.get(0).partition());
      assertThat(results).extracting(PushResult::offset).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void close_deliversWhatIsStillBuffered() throws Exception {
    String topic = topic("pusher-close");
    List<CompletableFuture<PushResult>> futures = new ArrayList<>();
    Pusher pusher =
        KafkaPusher.builder(brokers(), topic)
            .linger(Duration.ofSeconds(5))
            .batchSize(1 << 20)
            .build();
    PushOutcomes outcomes = new PushOutcomes(501);
    for (int i = 0; i < 1000; i++) {
      futures.add(pusher.pushAsync("k" + (i % 7), "v" + i));
    }
    for (int i = 0; i < 500; i++) {
      pusher.pushAsync("k" + (i % 7), "callback " + i, outcomes.callback(i));
    }
    pusher.close();

    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    // close() returns after the producer's I/O thread has run every callback.
    for (int i = 0; i < 500; i++) {
      assertThat(outcomes.calls(i)).as("callback %s", i).isEqualTo(1);
      assertThat(outcomes.result(i)).as("result %s", i).isNotNull();
    }
    assertThat(kcat(topic, "%s\\n")).hasSize(1500);
    assertThat(pusher.pushAsync("late")).isCompletedExceptionally();
    // A push to a closed pusher is told so before pushAsync returns.
    pusher.pushAsync("late", outcomes.callback(500));
    assertThat(outcomes.error(500)).isNotNull().hasMessageContaining("closed");
  }

  @Test
  void stoppedBroker_closeFailsWhatIsBuffered_andPushesFailWithinTheDeliveryTimeout()
      throws Exception {
    String topic = topic("pusher-down");
    // Held back by a long linger, so they are still buffered when the broker goes away.
    Pusher buffering =
        KafkaPusher.builder(brokers(), topic)
            .deliveryTimeout(Duration.ofSeconds(60))
            .linger(Duration.ofSeconds(30))
            .closeTimeout(Duration.ofSeconds(2))
            .build();
    Pusher failing =
        KafkaPusher.builder(brokers(), topic).deliveryTimeout(Duration.ofSeconds(3)).build();
    try {
      List<CompletableFuture<PushResult>> buffered = new ArrayList<>();
      PushOutcomes bufferedCallbacks = new PushOutcomes(50);
      for (int i = 0; i < 50; i++) {
        buffered.add(buffering.pushAsync("k", "buffered " + i));
        buffering.pushAsync("k", "buffered callback " + i, bufferedCallbacks.callback(i));
      }
      failing.push("k", "before");
      kafka.stop();

      buffering.close();
      assertThat(buffered).allMatch(CompletableFuture::isCompletedExceptionally);
      assertThat(bufferedCallbacks.notCalledExactlyOnce()).isEmpty();
      assertThat(bufferedCallbacks.bothOrNeither()).isZero();
      for (int i = 0; i < 50; i++) {
        assertThat(bufferedCallbacks.error(i)).as("buffered callback %s", i).isNotNull();
      }

      PushOutcomes lostCallback = new PushOutcomes(1);
      failing.pushAsync("k", "while down, callback", lostCallback.callback(0));
      assertThat(lostCallback.await(Duration.ofSeconds(20))).isTrue();
      assertThat(lostCallback.error(0))
          .isInstanceOf(PushException.class)
          .hasMessageContaining("pusher-down");
      assertThat(lostCallback.calls(0)).isEqualTo(1);

      CompletableFuture<PushResult> lost = failing.pushAsync("k", "while down");
      // Far below kafka-clients' own 120 s default: the configured 3 s applies.
      assertThatThrownBy(() -> lost.get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(PushException.class)
          .hasMessageContaining("pusher-down");
      assertThatThrownBy(() -> failing.push("k", "sync while down"))
          .isInstanceOf(PushException.class);
    } finally {
      buffering.close();
      failing.close();
      if (!kafka.isRunning()) {
        kafka.start();
      }
    }
  }
}
