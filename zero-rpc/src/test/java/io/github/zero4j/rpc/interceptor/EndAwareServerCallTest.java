package io.github.zero4j.rpc.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EndAwareServerCallTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<Status> ends = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    scheduler.shutdownNow();
  }

  private ServerCall.Listener<String> observe(
      FakeServerCall call, ServerCallHandler<String, String> handler) {
    return new EndAwareServerCall<String, String>(call) {
      @Override
      void onEnd(Status status) {
        ends.add(status);
      }

      @Override
      void onRequest(String message) {
        requests.add(message);
      }
    }.start(new Metadata(), handler);
  }

  @Test
  void close_endsOnce_evenWhenCancelAndCompleteFollow() {
    ServerCall.Listener<String> listener =
        observe(
            new FakeServerCall(),
            (call, headers) ->
                new ServerCall.Listener<>() {
                  @Override
                  public void onHalfClose() {
                    call.close(Status.NOT_FOUND, new Metadata());
                  }
                });

    listener.onMessage("req");
    listener.onHalfClose();
    listener.onCancel();
    listener.onComplete();

    assertThat(ends).extracting(Status::getCode).containsExactly(Status.Code.NOT_FOUND);
    assertThat(requests).containsExactly("req");
  }

  @Test
  void exceptionFromHandler_endsWithPanicInternal_andIsRethrown() {
    ServerCall.Listener<String> listener =
        observe(
            new FakeServerCall(),
            (call, headers) ->
                new ServerCall.Listener<>() {
                  @Override
                  public void onHalfClose() {
                    throw new IllegalStateException("boom");
                  }
                });

    assertThatThrownBy(listener::onHalfClose).hasMessage("boom");

    assertThat(ends).hasSize(1);
    assertThat(ends.get(0).getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(ends.get(0).getDescription())
        .isEqualTo("panic: java.lang.IllegalStateException: boom");
  }

  @Test
  void statusExceptionFromStartCall_endsWithItsOwnStatus_andIsRethrown() {
    assertThatThrownBy(
            () ->
                observe(
                    new FakeServerCall(),
                    (call, headers) -> {
                      throw Status.PERMISSION_DENIED.withDescription("no").asRuntimeException();
                    }))
        .hasMessage("PERMISSION_DENIED: no");

    assertThat(ends).extracting(Status::getCode).containsExactly(Status.Code.PERMISSION_DENIED);
  }

  @Test
  void cancel_afterTheDeadline_isDeadlineExceeded_otherwiseCancelled() throws Exception {
    ServerCall.Listener<String> first = observe(new FakeServerCall(), (c, h) -> noop());
    Context.CancellableContext expired =
        Context.current().withDeadline(Deadline.after(-1, TimeUnit.SECONDS), scheduler);
    expired.run(first::onCancel);

    ServerCall.Listener<String> second = observe(new FakeServerCall(), (c, h) -> noop());
    second.onCancel();

    assertThat(ends)
        .extracting(Status::getCode)
        .containsExactly(Status.Code.DEADLINE_EXCEEDED, Status.Code.CANCELLED);
    expired.cancel(null);
  }

  private static ServerCall.Listener<String> noop() {
    return new ServerCall.Listener<>() {};
  }
}
