package io.github.zero4j.core.breaker;

/**
 * The process-default {@link BreakerRegistry}, for code with no owner to hand it one (go-zero's
 * package-level {@code breaker.GetBreaker} / {@code breaker.Do(name, ...)}):
 *
 * <pre>{@code
 * String body = Breakers.get("payments").execute(() -> client.charge(order));
 * }</pre>
 *
 * Prefer a {@link BreakerRegistry} owned by the server or client that uses it. Thread-safe.
 */
public final class Breakers {
  private static final BreakerRegistry DEFAULT = BreakerRegistry.create();

  private Breakers() {}

  /** The process-default registry. */
  public static BreakerRegistry registry() {
    return DEFAULT;
  }

  /** {@code registry().get(name)}: the named default-configured breaker, created on first use. */
  public static Breaker get(String name) {
    return DEFAULT.get(name);
  }

  /** {@code registry().noBreakerFor(name)}: disables breaking for {@code name}. */
  public static void noBreakerFor(String name) {
    DEFAULT.noBreakerFor(name);
  }
}
