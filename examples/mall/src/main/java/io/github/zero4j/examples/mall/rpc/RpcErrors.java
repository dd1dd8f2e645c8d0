package io.github.zero4j.examples.mall.rpc;

import io.github.zero4j.examples.mall.common.BizCode;
import io.github.zero4j.examples.mall.common.BizException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a business error crosses a gRPC hop. The server answers the code's {@link BizCode#grpcCode()}
 * with the message as the description and the number in the {@code x-biz-code} trailer; the client
 * reads the trailer back. go-zero's {@code errorx} sends the number as the gRPC code itself;
 * grpc-java turns unknown codes into {@code UNKNOWN}, so the number travels beside a real code
 * instead.
 */
public final class RpcErrors {
  /** The trailer carrying the business code. */
  public static final Metadata.Key<String> BIZ_CODE =
      Metadata.Key.of("x-biz-code", Metadata.ASCII_STRING_MARSHALLER);

  private RpcErrors() {}

  /** The status a server answers {@code error} with. */
  public static StatusRuntimeException toStatus(BizException error) {
    Metadata trailers = new Metadata();
    trailers.put(BIZ_CODE, Integer.toString(error.code().code()));
    return Status.fromCode(error.code().grpcCode())
        .withDescription(error.getMessage())
        .asRuntimeException(trailers);
  }

  /** The business error {@code status} carries, if it carries one. */
  public static Optional<BizException> toBiz(StatusRuntimeException status) {
    Metadata trailers = status.getTrailers();
    @Nullable String code = trailers == null ? null : trailers.get(BIZ_CODE);
    if (code == null) {
      return Optional.empty();
    }
    BizCode biz;
    try {
      biz = BizCode.of(Integer.parseInt(code));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    @Nullable String description = status.getStatus().getDescription();
    return Optional.of(new BizException(biz, description == null ? biz.message() : description));
  }
}
