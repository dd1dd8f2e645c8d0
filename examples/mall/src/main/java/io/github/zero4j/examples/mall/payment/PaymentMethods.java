package io.github.zero4j.examples.mall.payment;

import io.github.zero4j.examples.mall.proto.PayReq;
import io.github.zero4j.examples.mall.proto.Payment;
import io.github.zero4j.examples.mall.proto.QueryPaymentReq;
import io.github.zero4j.examples.mall.rpc.UnaryService;
import io.grpc.MethodDescriptor;

/** The gRPC methods of {@code mall.payment.PaymentService} (payment.proto). */
public final class PaymentMethods {
  /** The proto's service name. */
  public static final String SERVICE = "mall.payment.PaymentService";

  /** Pays an order; paying it again answers the first payment. */
  public static final MethodDescriptor<PayReq, Payment> PAY =
      UnaryService.method(
          SERVICE, "Pay", PayReq.getDefaultInstance(), Payment.getDefaultInstance());

  /** A payment by its id; {@code NOT_FOUND} when there is none. */
  public static final MethodDescriptor<QueryPaymentReq, Payment> QUERY_PAYMENT =
      UnaryService.method(
          SERVICE,
          "QueryPayment",
          QueryPaymentReq.getDefaultInstance(),
          Payment.getDefaultInstance());

  private PaymentMethods() {}
}
