package io.github.zero4j.rpc.interceptor;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Status codes and conversions shared by the interceptors. */
final class Statuses {
  /**
   * The codes a breaker counts as failures (go-zero's {@code zrpc/internal/codes/accept.go}, used
   * by the client and server breakers): every other code, business codes included, is a success.
   */
  static final Set<Status.Code> BREAKER_FAILURES =
      EnumSet.of(
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.INTERNAL,
          Status.Code.UNAVAILABLE,
          Status.Code.DATA_LOSS,
          Status.Code.UNIMPLEMENTED,
          Status.Code.RESOURCE_EXHAUSTED);

  /** go-zero's prefix of a recovered panic's status message. */
  static final String PANIC_PREFIX = "panic: ";

  /** go-zero's text of a call whose context deadline passed (Go's {@code context} error). */
  static final String DEADLINE_EXCEEDED_MESSAGE = "context deadline exceeded";

  private Statuses() {}

  static boolean isBreakerFailure(Status.Code code) {
    return BREAKER_FAILURES.contains(code);
  }

  /**
   * The status a thrown exception ends a server call with: its own status for a {@link
   * StatusRuntimeException} or {@link StatusException} (the handler chose it), else {@code INTERNAL
   * "panic: <exception>"} as go-zero's recover interceptor answers a panic.
   */
  static Status fromThrown(Throwable thrown) {
    Status own = ownStatus(thrown);
    if (own != null) {
      return own;
    }
    return Status.INTERNAL.withDescription(PANIC_PREFIX + thrown).withCause(thrown);
  }

  /** The trailers a thrown status exception carries, or empty ones. */
  static Metadata trailers(Throwable thrown) {
    Metadata trailers = null;
    if (thrown instanceof StatusRuntimeException e) {
      trailers = e.getTrailers();
    } else if (thrown instanceof StatusException e) {
      trailers = e.getTrailers();
    }
    return trailers != null ? trailers : new Metadata();
  }

  /** The status of a status exception, else null. */
  static @Nullable Status ownStatus(Throwable thrown) {
    if (thrown instanceof StatusRuntimeException e) {
      return e.getStatus();
    }
    if (thrown instanceof StatusException e) {
      return e.getStatus();
    }
    return null;
  }

  /**
   * The status of a server call the transport cancelled, judged in the call's context: {@code
   * DEADLINE_EXCEEDED} when its deadline has passed, else {@code CANCELLED} (the client left).
   */
  static Status cancelled() {
    Deadline deadline = Context.current().getDeadline();
    if (deadline != null && deadline.isExpired()) {
      return Status.DEADLINE_EXCEEDED.withDescription(DEADLINE_EXCEEDED_MESSAGE);
    }
    return Status.CANCELLED.withDescription("cancelled by the client");
  }

  /** {@code CODE: description}, for logs and breaker failure reasons. */
  static String describe(Status status) {
    String description = status.getDescription();
    return description == null ? status.getCode().name() : status.getCode() + ": " + description;
  }
}
