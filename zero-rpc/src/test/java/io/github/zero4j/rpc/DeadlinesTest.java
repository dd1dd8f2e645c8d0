package io.github.zero4j.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

  @Test
  void remaining_withoutDeadline_isEmpty() {
    assertThat(Deadlines.remaining()).isEmpty();
  }

  @Test
  void call_setsTheContextDeadline_andRestoresTheContextAfter() {
    Duration seen =
        Deadlines.call(Duration.ofMillis(300), () -> Deadlines.remaining().orElseThrow());

    assertThat(seen).isPositive().isLessThanOrEqualTo(Duration.ofMillis(300));
    assertThat(Deadlines.remaining()).isEmpty();
  }

  @Test
  void call_nested_keepsTheEarlierDeadline() {
    Duration inner =
        Deadlines.call(
            Duration.ofMillis(100),
            () ->
                Deadlines.call(Duration.ofSeconds(10), () -> Deadlines.remaining().orElseThrow()));

    assertThat(inner).isLessThanOrEqualTo(Duration.ofMillis(100));
  }

  @Test
  void run_cancelsTheContextWhenTheTaskReturns() {
    AtomicReference<Context> inside = new AtomicReference<>();

    Deadlines.run(Duration.ofSeconds(10), () -> inside.set(Context.current()));

    assertThat(inside).hasValueMatching(Context::isCancelled);
  }
}
