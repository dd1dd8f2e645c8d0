package io.github.zero4j.examples.mall.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.breaker.BreakerOpenException;
import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.examples.mall.rpc.RpcErrors;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

class PaymentOutcomeTest {

  @Test
  void aBusinessRefusalFailsTheOrderWithItsMessage() {
    PaymentOutcome refused = PaymentOutcome.of(new BizException(BizCode.PAYMENT_FAILED));
    assertThat(refused.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(refused.message()).isEqualTo("支付失败");
    PaymentOutcome poor =
        PaymentOutcome.of(new BizException(BizCode.INSUFFICIENT_BALANCE, "余额不足: 12.00"));
    assertThat(poor.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(poor.message()).isEqualTo("余额不足: 12.00");
  }

  @Test
  void anOpenBreakerLeavesTheOrderPending() {
    PaymentOutcome open =
        PaymentOutcome.of(
            Status.UNAVAILABLE
                .withDescription(BreakerOpenException.MESSAGE)
                .withCause(new BreakerOpenException("direct:///127.0.0.1:9030/Pay"))
                .asRuntimeException());
    assertThat(open.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(open.message()).isEqualTo("订单已提交,支付结果稍后通知");
    assertThat(open.reason()).contains("breaker open");
  }

  @Test
  void anOutageOrATimeoutLeavesTheOrderPending() {
    for (Status status :
        new Status[] {Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED, Status.INTERNAL}) {
      PaymentOutcome outcome = PaymentOutcome.of(status.asRuntimeException());
      assertThat(outcome.status()).as(status.toString()).isEqualTo(OrderStatus.PENDING);
      assertThat(outcome.message()).isEqualTo(OrderStatus.PENDING_MESSAGE);
      assertThat(outcome.reason()).contains(status.getCode().name());
    }
  }

  @Test
  void aStatusCarryingABusinessCodeIsARefusal() {
    PaymentOutcome outcome =
        PaymentOutcome.of(RpcErrors.toStatus(new BizException(BizCode.INSUFFICIENT_BALANCE)));
    assertThat(outcome.status()).isEqualTo(OrderStatus.FAILED);
    assertThat(outcome.message()).isEqualTo("余额不足");
  }

  @Test
  void anythingElseIsNotAPaymentOutcome() {
    IllegalStateException bug = new IllegalStateException("bug");
    assertThatThrownBy(() -> PaymentOutcome.of(bug)).isSameAs(bug);
  }
}
