package io.github.zero4j.examples.mall.payment;

import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.examples.mall.proto.PayReq;
import io.github.zero4j.examples.mall.proto.Payment;
import io.github.zero4j.examples.mall.proto.QueryPaymentReq;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Pay and QueryPayment, answering as the demo switch says. */
final class PaymentService {
  /** The payment methods accepted. */
  static final Set<String> METHODS = Set.of("alipay", "wechat", "balance");

  /** The design notes' histogram: exponential buckets from 1 ms to 16 s. */
  static final String LATENCY = "mall_payment_latency";

  private static final Duration[] LATENCY_BUCKETS = latencyBuckets();

  private final PaymentStore store;
  private volatile PaymentMode mode = PaymentMode.DEFAULT;
  private final AtomicLong payCalls = new AtomicLong();

  PaymentService(PaymentStore store) {
    this.store = store;
  }

  PaymentMode mode() {
    return mode;
  }

  void mode(PaymentMode next) {
    mode = next;
  }

  /** Pay calls received since start, whatever the mode answered. */
  long payCalls() {
    return payCalls.get();
  }

  Payment pay(PayReq request) {
    payCalls.incrementAndGet();
    String method = request.getMethod().toLowerCase(Locale.ROOT);
    long start = System.nanoTime();
    String status = "error";
    try {
      validate(request, method);
      PaymentMode current = mode;
      switch (current.mode()) {
        case PaymentMode.DOWN:
          throw Status.UNAVAILABLE
              .withDescription("payment is down (demo switch)")
              .asRuntimeException();
        case PaymentMode.FAIL:
          throw new BizException(BizCode.PAYMENT_FAILED);
        case PaymentMode.SLOW:
          awaitUnlessCancelled(current.delayMs());
          break;
        default:
          break;
      }
      PaymentRow row =
          store.pay(request.getOrderId(), request.getUserId(), request.getAmount(), method);
      status = "success";
      return toProto(row);
    } catch (BizException e) {
      status = "refused";
      throw e;
    } catch (StatusRuntimeException e) {
      status = e.getStatus().getCode().name().toLowerCase(Locale.ROOT);
      throw e;
    } finally {
      latency(method, status).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  Payment query(QueryPaymentReq request) {
    return store
        .byId(request.getPaymentId())
        .map(PaymentService::toProto)
        .orElseThrow(
            () ->
                Status.NOT_FOUND
                    .withDescription("payment not exist: " + request.getPaymentId())
                    .asRuntimeException());
  }

  private static void validate(PayReq request, String method) {
    if (request.getOrderId() <= 0) {
      throw new BizException(
          BizCode.REQUEST_PARAM_ERROR,
          "orderId: " + request.getOrderId() + " (expected: a positive id)");
    }
    if (request.getAmount() <= 0) {
      throw new BizException(
          BizCode.REQUEST_PARAM_ERROR,
          "amount: " + request.getAmount() + " (expected: positive cents)");
    }
    if (!METHODS.contains(method)) {
      throw new BizException(
          BizCode.REQUEST_PARAM_ERROR,
          "method: " + request.getMethod() + " (expected: one of alipay, wechat, balance)");
    }
  }

  /**
   * The {@code slow} switch: waits {@code delayMs}, or less when the caller leaves (its deadline
   * passed or it cancelled), in which case nothing is paid and the call ends CANCELLED.
   */
  private static void awaitUnlessCancelled(long delayMs) {
    Context context = Context.current();
    CountDownLatch cancelled = new CountDownLatch(1);
    Context.CancellationListener listener = c -> cancelled.countDown();
    context.addListener(listener, Runnable::run);
    try {
      cancelled.await(delayMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Status.CANCELLED.withDescription("interrupted while slow").asRuntimeException();
    } finally {
      context.removeListener(listener);
    }
    if (context.isCancelled()) {
      throw Status.CANCELLED
          .withDescription("the caller left while payment was slow: nothing paid")
          .asRuntimeException();
    }
  }

  private static Timer latency(String method, String status) {
    return Timer.builder(LATENCY)
        .description("支付延迟分布")
        .tag("gateway", METHODS.contains(method) ? method : "unknown")
        .tag("status", status)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(Metrics.globalRegistry);
  }

  private static Duration[] latencyBuckets() {
    Duration[] buckets = new Duration[15];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = Duration.ofMillis(1L << i);
    }
    return buckets;
  }

  static Payment toProto(PaymentRow row) {
    return Payment.newBuilder()
        .setPaymentId(row.paymentId())
        .setOrderId(row.orderId())
        .setAmount(row.amount())
        .setMethod(row.method())
        .setStatus(row.status())
        .setPaidAt(row.paidAt())
        .build();
  }
}
