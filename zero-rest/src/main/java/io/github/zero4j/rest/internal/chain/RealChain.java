package io.github.zero4j.rest.internal.chain;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.rest.Middleware;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;

/**
 * The inner chain of one request, in the style of OkHttp's {@code RealInterceptorChain}: each hop
 * gets its own chain object pointing at the next hop, so the chain is immutable per hop. This is
 * the framework boundary of STYLE rule 15: a middleware that calls {@code proceed} twice, or after
 * it returned, or returns {@code null}, fails with an exception naming it.
 *
 * <p>Confined to the thread running the request's inner chain.
 */
final class RealChain implements Middleware.Chain {
  private final Hop[] hops;
  private final int index;
  private final Request request;
  private final Exchange exchange;
  private final Renderer renderer;
  private int calls;
  private boolean returned;

  RealChain(Hop[] hops, int index, Request request, Exchange exchange, Renderer renderer) {
    this.hops = hops;
    this.index = index;
    this.request = request;
    this.exchange = exchange;
    this.renderer = renderer;
  }

  @Override
  public Request request() {
    return request;
  }

  Exchange exchange() {
    return exchange;
  }

  @Override
  public Response proceed(Request next) throws Exception {
    requireNonNull(next, "request");
    String caller = index == 0 ? "the server" : hops[index - 1].name;
    if (returned) {
      throw new IllegalStateException(
          caller + " called proceed() after it returned (expected: proceed() inside handle())");
    }
    if (++calls > 1) {
      throw new IllegalStateException(
          caller
              + " must call proceed() exactly once, or not at all to answer by itself; it called"
              + " it "
              + calls
              + " times");
    }
    if (index >= hops.length) {
      throw new IllegalStateException(caller + " called proceed() with no middleware left");
    }
    Hop hop = hops[index];
    RealChain chain = new RealChain(hops, index + 1, next, exchange, renderer);
    Response response;
    try {
      response = hop.middleware.handle(chain);
    } finally {
      chain.returned = true;
    }
    if (response == null) {
      throw new NullPointerException(hop.name + " returned null (expected: a response)");
    }
    return renderer.render(response, next);
  }
}
