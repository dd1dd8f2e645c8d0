package io.github.zero4j.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncSingleFlightTest {
  private final DefaultAsyncSingleFlight<String, String> flight =
      (DefaultAsyncSingleFlight<String, String>) AsyncSingleFlight.<String, String>create();
  private final AtomicInteger calls = new AtomicInteger();
  private final CompletableFuture<String> stage = new CompletableFuture<>();

  private CompletableFuture<String> call() {
    return flight.execute(
        "key",
        () -> {
          calls.incrementAndGet();
          return stage;
        });
  }

  @Test
  void execute_callersDuringAFlight_shareOneStage() {
    CompletableFuture<String> first = call();
    CompletableFuture<String> second = call();
    CompletableFuture<String> third = call();

    assertThat(calls).hasValue(1);
    assertThat(first).isNotDone();
    stage.complete("value");

    assertThat(first).isCompletedWithValue("value");
    assertThat(second).isCompletedWithValue("value");
    assertThat(third).isCompletedWithValue("value");
    assertThat(flight.idle()).isTrue();
  }

  @Test
  void execute_callersGetDistinctFutures() {
    CompletableFuture<String> first = call();
    CompletableFuture<String> second = call();

    assertThat(first).isNotSameAs(second).isNotSameAs(stage);
  }

  @Test
  void cancellingOneCallersFuture_leavesTheFlightAndOtherCallersAlone() {
    CompletableFuture<String> owner = call();
    CompletableFuture<String> waiter = call();

    assertThat(owner.cancel(true)).isTrue();
    assertThat(waiter).isNotDone();
    assertThat(stage).isNotDone();
    CompletableFuture<String> late = call();
    assertThat(calls).as("the flight is still in progress").hasValue(1);

    stage.complete("value");
    assertThat(owner).isCancelled();
    assertThat(waiter).isCompletedWithValue("value");
    assertThat(late).isCompletedWithValue("value");
  }

  @Test
  void completingOneCallersFuture_doesNotCompleteTheOthers() {
    CompletableFuture<String> first = call();
    CompletableFuture<String> second = call();

    first.complete("mine");

    assertThat(second).isNotDone();
    stage.complete("value");
    assertThat(second).isCompletedWithValue("value");
  }

  @Test
  void execute_failureReachesEveryCaller() {
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<String> first = call();
    CompletableFuture<String> second = call();

    stage.completeExceptionally(boom);

    assertThatThrownBy(first::join).isInstanceOf(CompletionException.class).hasCause(boom);
    assertThatThrownBy(second::join).isInstanceOf(CompletionException.class).hasCause(boom);
    assertThat(flight.idle()).isTrue();
  }

  @Test
  void execute_supplierThrows_everyCallerOfThatFlightGetsAFailedFuture() {
    IllegalStateException boom = new IllegalStateException("boom");

    CompletableFuture<String> result =
        flight.execute(
            "key",
            () -> {
              throw boom;
            });

    assertThatThrownBy(result::join).hasCause(boom);
    assertThat(flight.idle()).isTrue();
  }

  @Test
  void execute_afterTheStageCompletes_startsANewFlight() {
    CompletableFuture<String> first = call();
    stage.complete("value");
    assertThat(first).isCompletedWithValue("value");

    CompletableFuture<String> next =
        flight.execute("key", () -> CompletableFuture.completedStage("again"));

    assertThat(next).isCompletedWithValue("again");
    assertThat(flight.idle()).isTrue();
  }

  @Test
  void execute_dependentOfCompletionStartsAFreshFlight() {
    // The key is released before callers are notified, so a callback may start the next flight.
    CompletableFuture<String> first = call();
    CompletableFuture<String> chained =
        first.thenCompose(
            v -> flight.execute("key", () -> CompletableFuture.completedFuture(v + "!")));

    stage.complete("value");

    assertThat(chained).isCompletedWithValue("value!");
  }

  @Test
  void noop_startsEveryCallsStage() {
    AsyncSingleFlight<String, String> noop = AsyncSingleFlight.noop();

    CompletableFuture<String> first =
        noop.execute(
            "key",
            () -> {
              calls.incrementAndGet();
              return stage;
            });
    CompletableFuture<String> second =
        noop.execute(
            "key",
            () -> {
              calls.incrementAndGet();
              return stage;
            });
    stage.complete("value");

    assertThat(calls).hasValue(2);
    assertThat(first).isCompletedWithValue("value");
    assertThat(second).isCompletedWithValue("value");
  }
}
