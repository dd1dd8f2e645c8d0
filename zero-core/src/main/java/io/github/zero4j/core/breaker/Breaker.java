package io.github.zero4j.core.breaker;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * go-zero's adaptive circuit breaker: Google SRE client-side throttling over a 10 s window. It has
 * no open/closed state machine; each call is dropped with probability
 *
 * <pre>max(0, (total - protection - w * accepts) / (total + 1)) * (buckets - wb) / buckets</pre>
 *
 * where {@code accepts} and {@code total} count the window's successes and all requests (drops
 * included), {@code w} falls from {@code k} = 1.5 towards 1.1 as failure-only buckets pile up, and
 * {@code wb} counts the success-only buckets since the last failure. While it is dropping, one call
 * per second is let through as a probe.
 *
 * <pre>{@code
 * Breaker breaker = Breaker.of("user-db");
 * // throws BreakerOpenException when the breaker drops the call
 * User user = breaker.execute(() -> db.findUser(id));
 * User orGuest = breaker.executeWithFallback(() -> db.findUser(id), e -> User.GUEST);
 * // NotFoundException is rethrown but counts as a success
 * Row row = breaker.execute(() -> db.find(id), e -> e instanceof NotFoundException);
 * }</pre>
 *
 * <p><b>Outcomes.</b> A call that returns is a success. A call that throws is a success if the
 * {@code acceptable} predicate accepts the exception, otherwise a failure; either way the exception
 * reaches the caller unchanged. An {@link Error} is always a failure (like a Go panic), whatever
 * the predicate says. A dropped call counts as a drop and throws {@link BreakerOpenException} (or
 * returns the fallback's value). The {@code execute} family never wraps exceptions.
 *
 * <p><b>Thread-safety.</b> Implementations are thread-safe and non-blocking on the call path: a
 * healthy call costs a few loads and one striped counter increment. See the block comment of the
 * default implementation for the concurrency design.
 */
public interface Breaker {

  /** A builder with go-zero's defaults: 10 s window, 40 buckets, k 1.5, protection 5. */
  static BreakerBuilder builder() {
    return new BreakerBuilder();
  }

  /** A breaker called {@code name} with go-zero's defaults. */
  static Breaker of(String name) {
    return builder().name(name).build();
  }

  /**
   * The disabled twin (go-zero's {@code NopBreaker}, named {@code "nopBreaker"}): it never drops a
   * call and records nothing.
   */
  static Breaker noop() {
    return NoopBreaker.INSTANCE;
  }

  /** The breaker's name, as it appears in logs and in {@link BreakerOpenException}. */
  String name();

  /**
   * Asks to make one call whose outcome the caller reports: on success it returns a promise on
   * which the caller must call exactly one of {@link Promise#accept()} or {@link
   * Promise#reject(String)}.
   *
   * @throws BreakerOpenException if the call is dropped (recorded as a drop)
   */
  Promise allow();

  /**
   * Runs {@code call} if the breaker lets it through; any exception it throws is a failure.
   *
   * @throws BreakerOpenException if the call is dropped
   */
  default <T> T execute(Supplier<? extends T> call) {
    return execute(call, Outcomes.NONE_ACCEPTABLE);
  }

  /**
   * Runs {@code call} if the breaker lets it through. An exception it throws counts as a success
   * when {@code acceptable} returns true for it, otherwise as a failure; it is rethrown unchanged
   * in both cases.
   *
   * @throws BreakerOpenException if the call is dropped
   */
  <T> T execute(Supplier<? extends T> call, Predicate<? super Throwable> acceptable);

  /**
   * Runs {@code call} if the breaker lets it through, otherwise returns {@code fallback}'s value
   * for the rejection (the drop is still recorded). Any exception {@code call} throws is a failure.
   */
  default <T> T executeWithFallback(
      Supplier<? extends T> call, Function<? super BreakerOpenException, ? extends T> fallback) {
    return executeWithFallback(call, fallback, Outcomes.NONE_ACCEPTABLE);
  }

  /**
   * Runs {@code call} if the breaker lets it through, otherwise returns {@code fallback}'s value
   * for the rejection. Exceptions from {@code call} are judged by {@code acceptable} as in {@link
   * #execute(Supplier, Predicate)}.
   */
  <T> T executeWithFallback(
      Supplier<? extends T> call,
      Function<? super BreakerOpenException, ? extends T> fallback,
      Predicate<? super Throwable> acceptable);

  /**
   * {@link #execute(Supplier)} for a call that throws a checked exception, which is a failure and
   * is rethrown unchanged.
   *
   * @throws BreakerOpenException if the call is dropped
   */
  default <T, E extends Exception> T executeChecked(CheckedSupplier<? extends T, E> call) throws E {
    return executeChecked(call, Outcomes.NONE_ACCEPTABLE);
  }

  /**
   * {@link #execute(Supplier, Predicate)} for a call that throws a checked exception.
   *
   * @throws BreakerOpenException if the call is dropped
   */
  <T, E extends Exception> T executeChecked(
      CheckedSupplier<? extends T, E> call, Predicate<? super Throwable> acceptable) throws E;

  /**
   * Runs {@code task} if the breaker lets it through; any exception it throws is a failure.
   *
   * @throws BreakerOpenException if the call is dropped
   */
  void run(Runnable task);
}
