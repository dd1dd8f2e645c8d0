package io.github.zero4j.examples.mall.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The design notes' order metrics, on Micrometer's global registry (process-wide, as go-zero's
 * package-level metric vars): {@code mall_order_created_total{status,payment_method}}, {@code
 * mall_order_amount_distribution{currency}} in yuan, {@code mall_order_in_progress{service}}, and
 * {@code mall_order_event_publish_failed_total{event}} for events that could not be published.
 */
final class OrderMetrics {
  static final String CREATED = "mall_order_created_total";
  static final String AMOUNT = "mall_order_amount_distribution";
  static final String IN_PROGRESS = "mall_order_in_progress";
  static final String PUBLISH_FAILED = "mall_order_event_publish_failed_total";

  /** The design notes' buckets, yuan. */
  private static final double[] AMOUNT_BUCKETS = {10, 50, 100, 500, 1000, 5000, 10000};

  private static final AtomicInteger IN_PROGRESS_RPC = new AtomicInteger();

  static {
    Gauge.builder(IN_PROGRESS, IN_PROGRESS_RPC, AtomicInteger::get)
        .description("当前处理中的订单数")
        .tag("service", OrderRpc.NAME)
        .register(Metrics.globalRegistry);
  }

  private OrderMetrics() {}

  /** One more order in progress in order-rpc; {@link #finished()} when done. */
  static void started() {
    IN_PROGRESS_RPC.incrementAndGet();
  }

  static void finished() {
    IN_PROGRESS_RPC.decrementAndGet();
  }

  /** An order created and settled with {@code status}, worth {@code cents}. */
  static void created(String status, String paymentMethod, long cents) {
    Counter.builder(CREATED)
        .description("订单创建总数")
        .tag("status", status)
        .tag("payment_method", paymentMethod)
        .register(Metrics.globalRegistry)
        .increment();
    DistributionSummary.builder(AMOUNT)
        .description("订单金额分布")
        .tag("currency", "CNY")
        .serviceLevelObjectives(AMOUNT_BUCKETS)
        .register(Metrics.globalRegistry)
        .record(cents / 100.0);
  }

  /** An order event that was not published. */
  static void publishFailed(String eventType) {
    Counter.builder(PUBLISH_FAILED)
        .description("订单事件发布失败数")
        .tag("event", eventType)
        .register(Metrics.globalRegistry)
        .increment();
  }
}
