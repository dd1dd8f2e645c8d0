package io.github.zero4j.core.breaker;

/**
 * A supplier that may throw a checked exception, for {@link Breaker#executeChecked}. The compiler
 * infers {@code E} from the lambda body, so a call that throws {@code IOException} makes {@code
 * executeChecked} throw {@code IOException} and nothing wider.
 *
 * @param <T> the result type
 * @param <E> the checked exception the call may throw
 */
@FunctionalInterface
public interface CheckedSupplier<T, E extends Exception> {

  /** Runs the call. */
  T get() throws E;
}
