package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Middleware;
import io.github.zero4j.rest.RejectedException;
import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Response;

/**
 * {@link io.github.zero4j.rest.BuiltIn#MAX_BYTES}: go-zero's rest/handler/maxbyteshandler.go, in
 * its place in the chain. The transport enforces the limit while it reads, for a declared {@code
 * Content-Length} and for chunked bodies alike (go-zero checks the header only), stops reading and
 * marks the exchange; this hop then answers 413. Stateless.
 */
final class MaxBytes implements Middleware {
  private final long limit;

  MaxBytes(long limit) {
    this.limit = limit;
  }

  @Override
  public Response handle(Chain chain) throws Exception {
    Exchange exchange = ((RealChain) chain).exchange();
    if (exchange.bodyTooLarge()) {
      String message = "request entity too large, limit is " + limit + ", rejected with code 413";
      exchange.note(message);
      return Response.error(new RejectedException(Rejection.BODY_TOO_LARGE, message));
    }
    return chain.proceed(chain.request());
  }

  @Override
  public String toString() {
    return "MAX_BYTES";
  }
}
