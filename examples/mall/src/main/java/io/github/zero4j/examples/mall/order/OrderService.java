package io.github.zero4j.examples.mall.order;

import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.github.zero4j.examples.mall.common.OrderEvent;
import io.github.zero4j.examples.mall.payment.PaymentMethods;
import io.github.zero4j.examples.mall.product.ProductMethods;
import io.github.zero4j.examples.mall.proto.CreateOrderReq;
import io.github.zero4j.examples.mall.proto.CreateOrderResp;
import io.github.zero4j.examples.mall.proto.DecreaseStockReq;
import io.github.zero4j.examples.mall.proto.GetOrderReq;
import io.github.zero4j.examples.mall.proto.GetProductReq;
import io.github.zero4j.examples.mall.proto.GetUserReq;
import io.github.zero4j.examples.mall.proto.Order;
import io.github.zero4j.examples.mall.proto.PayReq;
import io.github.zero4j.examples.mall.proto.Payment;
import io.github.zero4j.examples.mall.proto.Product;
import io.github.zero4j.examples.mall.rpc.UnaryClient;
import io.github.zero4j.examples.mall.user.UserMethods;
import io.grpc.StatusRuntimeException;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CreateOrder and GetOrder. */
final class OrderService {
  private static final Logger log = LoggerFactory.getLogger(OrderService.class);

  /** The payment methods an order may name. */
  static final Set<String> PAYMENT_METHODS = Set.of("alipay", "wechat", "balance");

  private final OrderStore store;
  private final OrderEvents events;
  private final UnaryClient users;
  private final UnaryClient products;
  private final UnaryClient payments;

  OrderService(
      OrderStore store,
      OrderEvents events,
      UnaryClient users,
      UnaryClient products,
      UnaryClient payments) {
    this.store = store;
    this.events = events;
    this.users = users;
    this.products = products;
    this.payments = payments;
  }

  /**
   * Checks the user, takes the stock, writes the order (CREATED, published), then pays it: PAID
   * (published), FAILED when payment refuses, PENDING when payment is unavailable, slow or behind
   * an open breaker.
   */
  CreateOrderResp create(CreateOrderReq request) {
    String method = request.getPaymentMethod().toLowerCase(Locale.ROOT);
    validate(request, method);
    OrderMetrics.started();
    try {
      users.call(
          UserMethods.GET_USER, GetUserReq.newBuilder().setUserId(request.getUserId()).build());
      Product product =
          products.call(
              ProductMethods.GET_PRODUCT,
              GetProductReq.newBuilder().setProductId(request.getProductId()).build());
      products.call(
          ProductMethods.DECREASE_STOCK,
          DecreaseStockReq.newBuilder()
              .setProductId(request.getProductId())
              .setQuantity(request.getQuantity())
              .build());
      long amount = Math.multiplyExact(product.getPrice(), (long) request.getQuantity());
      long orderId =
          store.insert(
              request.getUserId(), request.getProductId(), request.getQuantity(), amount, method);
      events.publish(
          event(OrderEvent.ORDER_CREATED, orderId, request, amount, OrderStatus.CREATED));
      CreateOrderResp response = pay(orderId, request, amount, method);
      OrderMetrics.created(response.getStatus(), method, amount);
      return response;
    } finally {
      OrderMetrics.finished();
    }
  }

  private CreateOrderResp pay(long orderId, CreateOrderReq request, long amount, String method) {
    CreateOrderResp.Builder response = CreateOrderResp.newBuilder().setOrderId(orderId);
    Payment payment;
    try {
      payment =
          payments.call(
              PaymentMethods.PAY,
              PayReq.newBuilder()
                  .setOrderId(orderId)
                  .setUserId(request.getUserId())
                  .setAmount(amount)
                  .setMethod(method)
                  .build());
    } catch (BizException | StatusRuntimeException e) {
      PaymentOutcome outcome = PaymentOutcome.of(e);
      log.warn("order {}: {} ({})", orderId, outcome.status(), outcome.reason());
      store.settle(orderId, outcome.status(), "", outcome.message());
      return response.setStatus(outcome.status()).setMessage(outcome.message()).build();
    }
    store.settle(orderId, OrderStatus.PAID, payment.getPaymentId(), OrderStatus.PAID_MESSAGE);
    events.publish(event(OrderEvent.ORDER_PAID, orderId, request, amount, OrderStatus.PAID));
    return response
        .setStatus(OrderStatus.PAID)
        .setPaymentId(payment.getPaymentId())
        .setMessage(OrderStatus.PAID_MESSAGE)
        .build();
  }

  /** The caller's order; 3001 when there is none or it is another user's. */
  Order get(GetOrderReq request) {
    OrderRow row =
        store
            .get(request.getOrderId())
            .filter(o -> o.userId() == request.getUserId())
            .orElseThrow(() -> new BizException(BizCode.ORDER_NOT_EXIST));
    return Order.newBuilder()
        .setOrderId(row.id())
        .setUserId(row.userId())
        .setProductId(row.productId())
        .setQuantity(row.quantity())
        .setAmount(row.amount())
        .setStatus(row.status())
        .setPaymentId(row.paymentId())
        .setPaymentMethod(row.paymentMethod())
        .setCreatedAt(row.createdAt())
        .build();
  }

  private static void validate(CreateOrderReq request, String method) {
    if (request.getUserId() <= 0) {
      throw param("userId: " + request.getUserId() + " (expected: a positive id)");
    }
    if (request.getProductId() <= 0) {
      throw param("productId: " + request.getProductId() + " (expected: a positive id)");
    }
    if (request.getQuantity() < 1) {
      throw param("quantity: " + request.getQuantity() + " (expected: at least 1)");
    }
    if (!PAYMENT_METHODS.contains(method)) {
      throw param(
          "paymentMethod: "
              + request.getPaymentMethod()
              + " (expected: one of alipay, wechat, balance)");
    }
  }

  private static BizException param(String message) {
    return new BizException(BizCode.REQUEST_PARAM_ERROR, message);
  }

  private static OrderEvent event(
      String type, long orderId, CreateOrderReq request, long amount, String status) {
    return new OrderEvent(
        type, orderId, request.getUserId(), amount, status, System.currentTimeMillis());
  }
}
