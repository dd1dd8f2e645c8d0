package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Middleware;
import io.github.zero4j.rest.RejectedException;
import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link io.github.zero4j.rest.BuiltIn#RECOVER}: go-zero's rest/handler/recoverhandler.go. A {@link
 * RestException} from inside is an expected failure and goes to the error handler as is; any other
 * exception is logged with its stack and answered 500 (the error handler sees a {@link
 * Rejection#INTERNAL_ERROR} rejection whose cause is the exception). Stateless.
 */
final class Recover implements Middleware {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.zero4j.rest.RestServer");

  @Override
  public Response handle(Chain chain) {
    Request request = chain.request();
    try {
      return chain.proceed(request);
    } catch (RestException e) {
      return Response.error(e);
    } catch (Throwable e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.error("[HTTP] {} {} - panic: {}", request.method(), request.uri(), e.toString(), e);
      return Response.error(
          new RejectedException(Rejection.INTERNAL_ERROR, "internal error: " + e, e));
    }
  }

  @Override
  public String toString() {
    return "RECOVER";
  }
}
