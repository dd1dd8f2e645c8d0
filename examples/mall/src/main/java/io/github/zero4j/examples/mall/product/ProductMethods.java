package io.github.zero4j.examples.mall.product;

import io.github.zero4j.examples.mall.proto.DecreaseStockReq;
import io.github.zero4j.examples.mall.proto.DecreaseStockResp;
import io.github.zero4j.examples.mall.proto.GetProductReq;
import io.github.zero4j.examples.mall.proto.Product;
import io.github.zero4j.examples.mall.rpc.UnaryService;
import io.grpc.MethodDescriptor;

/** The gRPC methods of {@code mall.product.ProductService} (product.proto). */
public final class ProductMethods {
  /** The proto's service name. */
  public static final String SERVICE = "mall.product.ProductService";

  /** A product by id; 5001 when there is none. */
  public static final MethodDescriptor<GetProductReq, Product> GET_PRODUCT =
      UnaryService.method(
          SERVICE, "GetProduct", GetProductReq.getDefaultInstance(), Product.getDefaultInstance());

  /** Takes {@code quantity} from the stock; 5001 when no product, 5002 when not enough. */
  public static final MethodDescriptor<DecreaseStockReq, DecreaseStockResp> DECREASE_STOCK =
      UnaryService.method(
          SERVICE,
          "DecreaseStock",
          DecreaseStockReq.getDefaultInstance(),
          DecreaseStockResp.getDefaultInstance());

  private ProductMethods() {}
}
