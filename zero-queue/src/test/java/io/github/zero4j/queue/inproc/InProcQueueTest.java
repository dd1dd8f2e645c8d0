package io.github.zero4j.queue.inproc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.stat.ZeroMeters;
import io.github.zero4j.core.trace.Tracing;
import io.github.zero4j.queue.Await;
import io.github.zero4j.queue.DeadLetterHeaders;
import io.github.zero4j.queue.Message;
import io.github.zero4j.queue.MessageHandler;
import io.github.zero4j.queue.PushCallback;
import io.github.zero4j.queue.PushException;
import io.github.zero4j.queue.PushOutcomes;
import io.github.zero4j.queue.PushResult;
import io.github.zero4j.queue.Pusher;
import io.github.zero4j.queue.internal.QueueMetrics;
import io.github.zero4j.queue.kq.KqConf;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-process twin keeps the Kafka queue's contract; these tests pin it down. */
class InProcQueueTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InProcBroker broker = InProcBroker.create();
  private final Pusher pusher = broker.pusher("t");
  private final List<InProcQueue> queues = new ArrayList<>();
  private final List<CountDownLatch> releaseOnTeardown = new ArrayList<>();

  @AfterEach
  void stopQueues() {
    releaseOnTeardown.forEach(l -> l.countDown());
    queues.forEach(InProcQueue::stop);
  }

  private static KqConf.Builder conf() {
    return KqConf.builder(List.of("in-process"), "g", "t")
        .offset(KqConf.FIRST)
        .retryBackoff(Duration.ofMillis(1))
        .retryMaxBackoff(Duration.ofMillis(4));
  }

  private InProcQueue start(KqConf conf, MessageHandler handler) {
    InProcQueue queue =
        InProcQueue.builder(broker, conf, handler).meters(ZeroMeters.of(registry)).build();
    queues.add(queue);
    queue.start();
    return queue;
  }

  private InProcQueue start(KqConf conf, io.github.zero4j.queue.ConsumeHandler handler) {
    return start(conf, handler.asMessageHandler());
  }

  private CountDownLatch latch() {
    CountDownLatch latch = new CountDownLatch(1);
    releaseOnTeardown.add(latch);
    return latch;
  }

  private void awaitCommitted(long offset) {
    Await.until(
        "group g committed " + offset,
        () -> broker.committed("t", "g"),
        () -> broker.committed("t", "g") == offset);
  }

  private double count(String counter) {
    return registry.get(counter).counter().count();
  }

  @Test
  void perKeyOrder_isKept_whileDifferentKeysRunInParallel() throws Exception {
    int keys = 20;
    int perKey = 50;
    Map<String, Integer> last = new ConcurrentHashMap<>();
    List<String> violations = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(keys * perKey);
    CyclicBarrier firstOfK0AndK1 = new CyclicBarrier(2);
    AtomicBoolean metConcurrently = new AtomicBoolean();
    start(
        conf().processors(8).build(),
        m -> {
          int seq = Integer.parseInt(m.value());
          if (seq == 0 && (m.key().equals("k0") || m.key().equals("k1"))) {
            // Only possible if two keys of one partition run at the same time.
            firstOfK0AndK1.await(10, TimeUnit.SECONDS);
            metConcurrently.set(true);
          }
          Integer previous = last.put(m.key(), seq);
          if (seq != (previous == null ? 0 : previous + 1)) {
            violations.add(m.key() + ": " + previous + " then " + seq);
          }
          all.countDown();
        });
    for (int seq = 0; seq < perKey; seq++) {
      for (int k = 0; k < keys; k++) {
        pusher.push("k" + k, Integer.toString(seq));
      }
    }

    assertThat(all.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(violations).isEmpty();
    assertThat(metConcurrently).isTrue();
    awaitCommitted(keys * perKey);
  }

  @Test
  void failingHandler_isRetried_andLaterMessagesOfItsKeyWait() {
    List<String> calls = new CopyOnWriteArrayList<>();
    start(
        conf().retries(3).build(),
        m -> {
          calls.add(m.value() + "#" + m.attempt());
          if (m.value().equals("x") && m.attempt() < 3) {
            throw new IllegalStateException("transient");
          }
        });
    pusher.push("k", "x");
    pusher.push("k", "y");

    awaitCommitted(2);
    assertThat(calls).containsExactly("x#1", "x#2", "x#3", "y#1");
    assertThat(broker.messages("t-dlt")).isEmpty();
    assertThat(count(QueueMetrics.RETRIES)).isEqualTo(2);
    assertThat(count(QueueMetrics.HANDLED)).isEqualTo(2);
  }

  @Test
  void givenUpMessage_goesToTheDeadLetterTopic_withErrorHeaders_andIsCommitted() {
    List<String> handled = new CopyOnWriteArrayList<>();
    List<Message> reported = new CopyOnWriteArrayList<>();
    InProcQueue queue =
        InProcQueue.builder(
                broker,
                conf().retries(2).deadLetterTopic("t-dlt").build(),
                m -> {
                  if (m.value().equals("bad")) {
                    throw new IllegalStateException("boom");
                  }
                  handled.add(m.value());
                })
            .meters(ZeroMeters.of(registry))
            .errorHandler((m, e) -> reported.add(m))
            .build();
    queues.add(queue);
    queue.start();
    pusher.push("k", "ok1", Map.of("source", "test"));
    pusher.push("k", "bad", Map.of("source", "test"));
    pusher.push("k", "ok2");

    awaitCommitted(3);
    assertThat(handled).containsExactly("ok1", "ok2");
    assertThat(reported)
        .extracting(Message::value, Message::attempt)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("bad", 3));
    List<Message> dead = broker.messages("t-dlt");
    assertThat(dead).hasSize(1);
    Message d = dead.get(0);
    assertThat(d.key()).isEqualTo("k");
    assertThat(d.value()).isEqualTo("bad");
    assertThat(d.headers())
        .containsEntry("source", "test")
        .containsEntry(DeadLetterHeaders.ORIGINAL_TOPIC, "t")
        .containsEntry(DeadLetterHeaders.ORIGINAL_PARTITION, "0")
        .containsEntry(DeadLetterHeaders.ORIGINAL_OFFSET, "1")
        .containsEntry(DeadLetterHeaders.GROUP, "g")
        .containsEntry(DeadLetterHeaders.EXCEPTION_CLASS, IllegalStateException.class.getName())
        .containsEntry(DeadLetterHeaders.EXCEPTION_MESSAGE, "boom")
        .containsEntry(DeadLetterHeaders.ATTEMPTS, "3");
    assertThat(count(QueueMetrics.RETRIES)).isEqualTo(2);
    assertThat(count(QueueMetrics.DEAD_LETTERED)).isEqualTo(1);
    assertThat(count(QueueMetrics.FAILED)).isEqualTo(1);
  }

  @Test
  void forceCommitOn_withoutDeadLetterTopic_skipsTheMessageAfterItsRetries() {
    List<String> calls = new CopyOnWriteArrayList<>();
    start(
        conf().retries(1).build(),
        m -> {
          calls.add(m.value() + "#" + m.attempt());
          if (m.value().equals("bad")) {
            throw new IllegalStateException("always");
          }
        });
    pusher.push("k", "bad");
    pusher.push("k", "next");

    awaitCommitted(2);
    assertThat(calls).containsExactly("bad#1", "bad#2", "next#1");
    assertThat(count(QueueMetrics.FAILED)).isEqualTo(1);
  }

  @Test
  void forceCommitOff_withoutDeadLetterTopic_retriesUntilSuccess_andHoldsTheCommit()
      throws Exception {
    AtomicBoolean healthy = new AtomicBoolean();
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch otherKeyDone = new CountDownLatch(1);
    start(
        conf().retries(1).forceCommit(false).build(),
        m -> {
          if (m.key().equals("other")) {
            otherKeyDone.countDown();
            return;
          }
          attempts.incrementAndGet();
          if (!healthy.get()) {
            throw new IllegalStateException("down");
          }
        });
    pusher.push("k", "stuck");
    pusher.push("other", "fine");

    Await.until("many retries", attempts::get, () -> attempts.get() >= 6);
    assertThat(otherKeyDone.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(broker.committed("t", "g")).isZero();

    healthy.set(true);
    awaitCommitted(2);
    assertThat(count(QueueMetrics.FAILED)).isZero();
  }

  @Test
  void commit_neverPassesAnUnfinishedMessage() {
    CountDownLatch release = latch();
    AtomicInteger done = new AtomicInteger();
    start(
        conf().keyOrdered(false).processors(4).build(),
        m -> {
          if (m.offset() == 3) {
            release.await();
          }
          done.incrementAndGet();
        });
    for (int i = 0; i < 100; i++) {
      pusher.push("v" + i);
    }

    Await.until("99 handled", done::get, () -> done.get() == 99);
    awaitCommitted(3);
    assertThat(broker.messages("t")).hasSize(97);

    release.countDown();
    awaitCommitted(100);
    assertThat(broker.messages("t")).isEmpty();
  }

  @Test
  void backPressure_fetchesAtMostMaxInFlight() throws Exception {
    CountDownLatch release = latch();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(100);
    start(
        conf().keyOrdered(false).processors(50).maxInFlight(10).build(),
        m -> {
          maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
          release.await();
          running.decrementAndGet();
          all.countDown();
        });
    for (int i = 0; i < 100; i++) {
      pusher.push("v" + i);
    }

    Await.until("10 running", running::get, () -> running.get() == 10);
    assertThat(registry.get(QueueMetrics.IN_FLIGHT).gauge().value()).isEqualTo(10);
    release.countDown();
    assertThat(all.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(maxRunning).hasValue(10);
  }

  @Test
  void fullTopic_failsThePush_afterTheDeliveryTimeout_untilAConsumerCommits() {
    InProcBroker small =
        InProcBroker.builder().capacity(2).deliveryTimeout(Duration.ofMillis(10)).build();
    Pusher p = small.pusher("t");
    p.push("a");
    p.push("b");

    assertThatThrownBy(() -> p.push("c"))
        .isInstanceOf(PushException.class)
        .hasMessageContaining("full");
    assertThat(p.pushAsync("c")).isCompletedExceptionally();

    InProcQueue queue = small.queue(conf().build(), (k, v) -> {});
    queues.add(queue);
    queue.start();
    Await.until("room", () -> small.messages("t"), () -> small.messages("t").isEmpty());
    assertThat(p.push("c").offset()).isEqualTo(2);
  }

  /**
   * The drain covers queued messages, not only running ones. Key lanes finish a partition out of
   * offset order: here "queued" (offset 1) waits behind "slow" while x0..x4 (offsets 2..6) are
   * done. Abandoning "queued" at the stop would hold the commit at 1 and the next queue would
   * handle x0..x4 again (the duplicates seen in KafkaQueueIT's rebalance test).
   */
  @Test
  void stop_drainsQueuedMessagesToo_soTheNextQueueRepeatsNothing() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = latch();
    List<String> handled = new CopyOnWriteArrayList<>();
    InProcQueue queue =
        start(
            conf().build(),
            m -> {
              if (m.value().equals("slow")) {
                started.countDown();
                release.await();
              }
              handled.add(m.value());
            });
    pusher.push("k", "slow");
    pusher.push("k", "queued");
    for (int i = 0; i < 5; i++) {
      pusher.push("x" + i, "x" + i);
    }
    assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Await.until("the other keys handled", handled::size, () -> handled.size() == 5);

    Thread stopper = new Thread(queue::stop);
    stopper.start();
    Await.until(
        "stop() waiting for the drain",
        stopper::getState,
        () -> stopper.getState() == Thread.State.WAITING);
    release.countDown();
    stopper.join(WAIT.toMillis());

    assertThat(stopper.isAlive()).isFalse();
    assertThat(handled)
        .containsExactlyInAnyOrder("x0", "x1", "x2", "x3", "x4", "slow", "queued")
        .endsWith("slow", "queued");
    assertThat(broker.committed("t", "g")).isEqualTo(7);

    List<String> next = new CopyOnWriteArrayList<>();
    start(conf().build(), (k, v) -> next.add(v));
    pusher.push("after");
    awaitCommitted(8);
    assertThat(next).containsExactly("after");
  }

  @Test
  void stop_pastTheDrainTimeout_leavesUnfinishedMessagesForTheNextQueue() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = latch();
    List<String> handled = new CopyOnWriteArrayList<>();
    InProcQueue queue =
        start(
            conf().drainTimeout(Duration.ofMillis(50)).build(),
            m -> {
              if (m.value().equals("slow")) {
                started.countDown();
                never.await();
              }
              handled.add(m.value());
            });
    pusher.push("k", "slow");
    pusher.push("k", "queued");
    assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    queue.stop();
    assertThat(handled).isEmpty();
    assertThat(broker.committed("t", "g")).isEqualTo(0);

    List<String> next = new CopyOnWriteArrayList<>();
    start(conf().build(), (k, v) -> next.add(v));
    awaitCommitted(2);
    assertThat(next).containsExactly("slow", "queued");
  }

  @Test
  void abort_redeliversEverythingUncommitted_toTheGroupsNextQueue() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = latch();
    List<String> firstRun = new CopyOnWriteArrayList<>();
    InProcQueue first =
        start(
            conf().build(),
            m -> {
              firstRun.add(m.value());
              if (m.value().equals("b")) {
                started.countDown();
                never.await();
              }
            });
    pusher.push("k", "a");
    awaitCommitted(1);
    pusher.push("k", "b");
    pusher.push("k", "c");
    assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    first.abort();
    assertThat(broker.committed("t", "g")).isEqualTo(1);

    List<Message> secondRun = new CopyOnWriteArrayList<>();
    start(conf().build(), (Message m) -> secondRun.add(m));
    awaitCommitted(3);
    assertThat(firstRun).containsExactly("a", "b");
    assertThat(secondRun).extracting(Message::value).containsExactly("b", "c");
    assertThat(secondRun).extracting(Message::attempt).containsOnly(1);
  }

  @Test
  void restart_afterStop_continuesFromTheCommittedOffset() {
    List<String> first = new CopyOnWriteArrayList<>();
    InProcQueue queue = start(conf().build(), (k, v) -> first.add(v));
    for (int i = 0; i < 5; i++) {
      pusher.push("a" + i);
    }
    awaitCommitted(5);
    queue.stop();
    for (int i = 0; i < 5; i++) {
      pusher.push("b" + i);
    }

    List<String> second = new CopyOnWriteArrayList<>();
    start(conf().build(), (k, v) -> second.add(v));
    awaitCommitted(10);
    assertThat(first).containsExactlyInAnyOrder("a0", "a1", "a2", "a3", "a4");
    assertThat(second).containsExactlyInAnyOrder("b0", "b1", "b2", "b3", "b4");
  }

  @Test
  void commitInOrder_handlesThePartitionOneMessageAtATime_inOffsetOrder() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    List<Long> offsets = Collections.synchronizedList(new ArrayList<>());
    start(
        conf().commitInOrder(true).processors(8).build(),
        m -> {
          maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
          offsets.add(m.offset());
          running.decrementAndGet();
        });
    for (int i = 0; i < 200; i++) {
      pusher.push("k" + (i % 10), "v" + i);
    }

    awaitCommitted(200);
    assertThat(maxRunning).hasValue(1);
    assertThat(offsets).isSorted().hasSize(200);
  }

  @Test
  void messageWithoutKey_reachesAConsumeHandlerWithAnEmptyKey() {
    List<String> seen = new CopyOnWriteArrayList<>();
    start(conf().build(), m -> seen.add(m.hasKey() + "/" + m.key() + "/" + m.value()));
    pusher.push("no key");
    pusher.push("", "empty key");
    awaitCommitted(2);
    assertThat(seen).containsExactlyInAnyOrder("false//no key", "true//empty key");
  }

  @Test
  void trace_isContinuedFromThePushersContext() {
    Tracing tracing = Tracing.of(OpenTelemetry.noop());
    InProcBroker traced = InProcBroker.builder().tracing(tracing).build();
    List<String> traceIds = new CopyOnWriteArrayList<>();
    List<String> traceparents = new CopyOnWriteArrayList<>();
    InProcQueue queue =
        InProcQueue.builder(
                traced,
                conf().build(),
                m -> {
                  traceparents.add(m.header("traceparent").orElse(""));
                  traceIds.add(Span.current().getSpanContext().getTraceId());
                })
            .tracing(tracing)
            .build();
    queues.add(queue);
    queue.start();
    SpanContext producer =
        SpanContext.create(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            TraceFlags.getSampled(),
            TraceState.getDefault());
    try (Scope ignored = Span.wrap(producer).makeCurrent()) {
      traced.pusher("t").push("k", "v");
    }

    Await.until("handled", () -> traceIds, () -> traceIds.size() == 1);
    assertThat(traceIds).containsExactly("0af7651916cd43dd8448eb211c80319c");
    assertThat(traceparents)
        .containsExactly("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  }

  @Test
  void secondRunningQueueOfAGroup_isRefused_andAStoppedQueueCannotRestart() {
    InProcQueue queue = start(conf().build(), (k, v) -> {});
    InProcQueue twin = broker.queue(conf().build(), (k, v) -> {});
    assertThatThrownBy(twin::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("group g of in-process topic t already has a running queue");
    queue.stop();
    assertThatThrownBy(queue::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closedPusher_failsItsPushes() {
    Pusher p = broker.pusher("t");
    p.close();
    assertThatThrownBy(() -> p.push("x"))
        .isInstanceOf(PushException.class)
        .hasMessageContaining("closed");
    PushOutcomes outcomes = new PushOutcomes(1);
    p.pushAsync("x", outcomes.callback(0));
    assertThat(outcomes.calls(0)).isEqualTo(1);
    assertThat(outcomes.error(0)).isNotNull().hasMessageContaining("closed");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void callbackPush_isToldOnce_beforeItReturns_andTheMessageIsConsumed() throws Exception {
    PushOutcomes outcomes = new PushOutcomes(3);
    List<Message> consumed = new CopyOnWriteArrayList<>();
    start(conf().build(), (Message m) -> consumed.add(m));
    pusher.pushAsync("k", "a", outcomes.callback(0));
    assertThat(outcomes.calls(0)).isEqualTo(1);
    pusher.pushAsync("k", "b", Map.of("h", "1"), outcomes.callback(1));
    pusher.pushAsync("c", outcomes.callback(2));

    assertThat(outcomes.notCalledExactlyOnce()).isEmpty();
    assertThat(outcomes.bothOrNeither()).isZero();
    assertThat(outcomes.results()).extracting(PushResult::offset).containsExactly(0L, 1L, 2L);
    awaitCommitted(3);
    assertThat(consumed).extracting(Message::value).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(consumed)
        .filteredOn(m -> m.value().equals("b"))
        .singleElement()
        .satisfies(m -> assertThat(m.headers()).containsEntry("h", "1"));
    assertThatThrownBy(() -> pusher.pushAsync("k", "v", (PushCallback) null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void callbackPush_toAFullTopic_isToldTheFailure_afterTheDeliveryTimeout() {
    InProcBroker small =
        InProcBroker.builder().capacity(1).deliveryTimeout(Duration.ofMillis(10)).build();
    Pusher p = small.pusher("t");
    p.push("a");
    PushOutcomes outcomes = new PushOutcomes(1);
    p.pushAsync("k", "b", outcomes.callback(0));
    assertThat(outcomes.calls(0)).isEqualTo(1);
    assertThat(outcomes.error(0)).isNotNull().hasMessageContaining("full");
    // What a callback throws is logged, not thrown at the pusher's caller.
    assertThatCode(
            () ->
                p.pushAsync(
                    "k",
                    "c",
                    (result, error) -> {
                      throw new IllegalStateException("a callback bug");
                    }))
        .doesNotThrowAnyException();
  }
}
