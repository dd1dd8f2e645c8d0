package io.github.zero4j.examples.mall.order;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.breaker.BreakerOpenException;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.examples.mall.rpc.RpcErrors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/**
 * What a failed Pay call means for the order: a business refusal (a {@link BizException}, or a
 * status carrying a business code: 4001, 4003 ...) is FAILED with its message; anything else (the
 * client breaker dropping the call, UNAVAILABLE, DEADLINE_EXCEEDED, or any other status without a
 * business code) leaves the payment's outcome unknown, so the order is PENDING and settled later,
 * never reported as failed.
 *
 * @param status {@link OrderStatus#FAILED} or {@link OrderStatus#PENDING}
 * @param message what the caller is told
 * @param reason why, for the log: the business code or the gRPC status
 */
record PaymentOutcome(String status, String message, String reason) {

  PaymentOutcome {
    requireNonNull(status, "status");
    requireNonNull(message, "message");
    requireNonNull(reason, "reason");
  }

  /** The outcome of a Pay call that threw {@code error}. */
  static PaymentOutcome of(RuntimeException error) {
    if (error instanceof BizException biz) {
      return new PaymentOutcome(OrderStatus.FAILED, biz.message(), "refused: " + biz.code().code());
    }
    if (error instanceof StatusRuntimeException status) {
      Optional<BizException> biz = RpcErrors.toBiz(status);
      if (biz.isPresent()) {
        return of(biz.get());
      }
      if (status.getCause() instanceof BreakerOpenException) {
        return pending("breaker open: payment not called");
      }
      Status.Code code = status.getStatus().getCode();
      return pending(
          code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
              ? "payment " + code
              : "payment outcome unknown: " + status.getStatus());
    }
    throw error;
  }

  private static PaymentOutcome pending(String reason) {
    return new PaymentOutcome(OrderStatus.PENDING, OrderStatus.PENDING_MESSAGE, reason);
  }
}
