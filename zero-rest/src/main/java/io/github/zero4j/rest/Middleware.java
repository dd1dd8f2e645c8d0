package io.github.zero4j.rest;

/**
 * An interceptor around the rest of a route's chain, in OkHttp's style:
 *
 * <pre>{@code
 * Middleware timing = chain -> {
 *   long start = System.nanoTime();
 *   Response response = chain.proceed(chain.request());
 *   return response.withHeader("X-Took-Nanos", Long.toString(System.nanoTime() - start));
 * };
 * }</pre>
 *
 * <p>A middleware either calls {@link Chain#proceed(Request)} exactly once, possibly with a changed
 * request, or returns its own response without calling it (short-circuit, as an authenticator
 * does). Calling {@code proceed} a second time, or after {@code handle} returned, fails with an
 * {@link IllegalStateException} naming the middleware; returning {@code null} fails with a {@link
 * NullPointerException} naming it.
 *
 * <p>Middlewares run on the handler's thread, inside the built-ins (see {@link BuiltIn}) and the
 * route's JWT check: first the server's {@code use(...)} middlewares in registration order, then
 * the route group's, then the handler. The response a middleware receives from {@code proceed} is
 * already rendered: JSON values are serialized and error responses have passed through the error
 * handler.
 */
@FunctionalInterface
public interface Middleware {

  /** Handles the request of {@code chain}; never returns {@code null}. */
  Response handle(Chain chain) throws Exception;

  /** The rest of the chain, as seen from one middleware. Not thread-safe; used by one call. */
  interface Chain {

    /** The request this middleware received. */
    Request request();

    /** Runs the rest of the chain with {@code request} and returns its rendered response. */
    Response proceed(Request request) throws Exception;
  }
}
