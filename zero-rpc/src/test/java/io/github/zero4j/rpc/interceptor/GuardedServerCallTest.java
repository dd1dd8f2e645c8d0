package io.github.zero4j.rpc.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GuardedServerCallTest {

  @Test
  void closeIfOpen_closesOnce_thenDropsWhatTheHandlerSends() {
    FakeServerCall call = new FakeServerCall();
    AtomicInteger after = new AtomicInteger();
    GuardedServerCall<String, String> guarded =
        new GuardedServerCall<>(call, after::incrementAndGet);

    assertThat(guarded.closeIfOpen(Status.DEADLINE_EXCEEDED, new Metadata())).isTrue();
    guarded.sendMessage("late");
    guarded.close(Status.OK, new Metadata());

    assertThat(call.closes)
        .extracting(Status::getCode)
        .containsExactly(Status.Code.DEADLINE_EXCEEDED);
    assertThat(call.sent).isEmpty();
    assertThat(guarded.isCancelled()).isTrue();
    assertThat(guarded.closeIfOpen(Status.INTERNAL, new Metadata())).isFalse();
    assertThat(after).hasValue(1);
  }

  @Test
  void closeIfOpen_afterTheHandlerClosed_doesNothing() {
    FakeServerCall call = new FakeServerCall();
    GuardedServerCall<String, String> guarded = new GuardedServerCall<>(call, null);

    guarded.sendMessage("reply");
    guarded.close(Status.OK, new Metadata());

    assertThat(guarded.closeIfOpen(Status.INTERNAL, new Metadata())).isFalse();
    assertThat(call.sent).containsExactly("reply");
    assertThat(call.closes).extracting(Status::getCode).containsExactly(Status.Code.OK);
    assertThat(guarded.isCancelled()).isFalse();
  }

  @Test
  void handlerClosingTwice_stillFailsAsInGrpc() {
    FakeServerCall call = new FakeServerCall();
    GuardedServerCall<String, String> guarded = new GuardedServerCall<>(call, null);
    guarded.close(Status.OK, new Metadata());

    assertThatThrownBy(() -> guarded.close(Status.OK, new Metadata()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void racingHandlerAndForcedClose_neverOverlapAndCloseExactlyOnce() throws Exception {
    int rounds = 500;
    for (int round = 0; round < rounds; round++) {
      FakeServerCall call = new FakeServerCall();
      GuardedServerCall<String, String> guarded = new GuardedServerCall<>(call, null);
      CyclicBarrier start = new CyclicBarrier(2);
      List<Throwable> errors = new ArrayList<>();
      Thread handler =
          new Thread(
              () -> {
                try {
                  start.await();
                  guarded.sendMessage("reply");
                  guarded.close(Status.OK, new Metadata());
                } catch (Throwable t) {
                  synchronized (errors) {
                    errors.add(t);
                  }
                }
              });
      handler.start();
      start.await();
      guarded.closeIfOpen(Status.DEADLINE_EXCEEDED, new Metadata());
      handler.join();

      assertThat(errors).isEmpty();
      assertThat(call.closes).hasSize(1);
      assertThat(call.overlapped).isFalse();
      if (call.closes.get(0).getCode() == Status.Code.DEADLINE_EXCEEDED) {
        assertThat(call.sent).hasSizeLessThanOrEqualTo(1);
      } else {
        assertThat(call.sent).containsExactly("reply");
      }
    }
  }
}
