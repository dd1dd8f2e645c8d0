package io.github.zero4j.examples.mall.common;

import io.github.zero4j.examples.mall.rpc.RpcErrors;
import io.github.zero4j.rest.RejectedException;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.RestException;
import io.github.zero4j.rest.httpx.BindException;
import io.github.zero4j.rest.httpx.ErrorHandler;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error of a mall API as an {@link Envelope}. As in the design notes' result helper, business
 * errors answer HTTP 200 with their code in the body; framework rejections keep their HTTP status
 * (401, 413, 429, 503 ...) and carry an envelope too:
 *
 * <ul>
 *   <li>{@link BizException}: 200 with its code and message;
 *   <li>{@link BindException} (a field missing or malformed): 200, {@code 1002} and the binder's
 *       message, which names the source and the field;
 *   <li>a gRPC status from a downstream service: its business code when it carries one, else 200
 *       {@code 1007};
 *   <li>{@link RejectedException}: the rejection's status, {@code 1003} for 401, {@code 1002} for
 *       400/413, else {@code 1001};
 *   <li>anything else: logged with its stack trace, then 200 {@code 1001}.
 * </ul>
 */
public final class ApiErrors implements ErrorHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  /** HTTP 200: business errors are answers, not transport failures. */
  static final int HTTP_OK = 200;

  @Override
  public Response handle(Request request, Throwable error) {
    if (error instanceof BizException biz) {
      return Response.json(HTTP_OK, Envelope.error(biz.code(), biz.message()));
    }
    if (error instanceof BindException bind) {
      return Response.json(
          HTTP_OK, Envelope.error(BizCode.REQUEST_PARAM_ERROR, String.valueOf(bind.getMessage())));
    }
    if (error instanceof StatusRuntimeException status) {
      Optional<BizException> biz = RpcErrors.toBiz(status);
      if (biz.isPresent()) {
        return Response.json(HTTP_OK, Envelope.error(biz.get().code(), biz.get().message()));
      }
      log.warn(
          "{} {}: downstream call failed: {}",
          request.method(),
          request.path(),
          status.getStatus());
      return Response.json(HTTP_OK, Envelope.error(BizCode.RPC_ERROR));
    }
    if (error instanceof RestException rest) {
      return Response.json(rest.status(), Envelope.error(codeOf(rest.status()), messageOf(rest)));
    }
    log.error("{} {}: unexpected error", request.method(), request.path(), error);
    return Response.json(HTTP_OK, Envelope.error(BizCode.SERVER_ERROR));
  }

  private static BizCode codeOf(int status) {
    switch (status) {
      case 401:
        return BizCode.TOKEN_EXPIRED;
      case 400:
      case 413:
        return BizCode.REQUEST_PARAM_ERROR;
      case 429:
        return BizCode.TOO_MANY_REQUESTS;
      default:
        return BizCode.SERVER_ERROR;
    }
  }

  private static String messageOf(RestException rest) {
    String message = rest.getMessage();
    return message == null || message.isEmpty() ? codeOf(rest.status()).message() : message;
  }
}
