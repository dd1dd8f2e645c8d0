package io.github.zero4j.core.load;

/**
 * Decides whether to admit a request (go-zero's {@code load.Shedder}).
 *
 * <pre>{@code
 * Promise promise = shedder.allow(); // throws OverloadedException when shedding
 * try {
 *   Response response = handle(request);
 *   promise.pass();
 *   return response;
 * } catch (TimeoutException e) {
 *   promise.fail();
 *   throw e;
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
public interface Shedder {

  /**
   * Admits a request, or rejects it when the service is overloaded.
   *
   * @return the promise the caller must complete once the request is done
   * @throws OverloadedException when the request is shed
   */
  Promise allow();

  /** A shedder that admits everything and records nothing (go-zero's {@code nopShedder}). */
  static Shedder noop() {
    return NoopShedder.INSTANCE;
  }
}
