package io.github.zero4j.examples.mall.order;

import io.github.zero4j.examples.mall.proto.CreateOrderReq;
import io.github.zero4j.examples.mall.proto.CreateOrderResp;
import io.github.zero4j.examples.mall.proto.GetOrderReq;
import io.github.zero4j.examples.mall.proto.Order;
import io.github.zero4j.examples.mall.rpc.UnaryService;
import io.grpc.MethodDescriptor;

/** The gRPC methods of {@code mall.order.OrderService} (order.proto). */
public final class OrderMethods {
  /** The proto's service name. */
  public static final String SERVICE = "mall.order.OrderService";

  /** Creates and pays an order: PAID, FAILED (payment refused) or PENDING (payment unavailable). */
  public static final MethodDescriptor<CreateOrderReq, CreateOrderResp> CREATE_ORDER =
      UnaryService.method(
          SERVICE,
          "CreateOrder",
          CreateOrderReq.getDefaultInstance(),
          CreateOrderResp.getDefaultInstance());

  /** One of the caller's orders; 3001 when missing or another user's. */
  public static final MethodDescriptor<GetOrderReq, Order> GET_ORDER =
      UnaryService.method(
          SERVICE, "GetOrder", GetOrderReq.getDefaultInstance(), Order.getDefaultInstance());

  private OrderMethods() {}
}
