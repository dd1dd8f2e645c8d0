package io.github.zero4j.core.breaker;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Named breakers created on first use (go-zero's {@code breakers.go}), owned by whoever creates the
 * registry: an RPC client keys its breakers by target and method, an HTTP client by service. {@link
 * Breakers} holds the process default. Thread-safe; {@link #get} is a lock-free map read once the
 * breaker exists.
 */
public final class BreakerRegistry {
  private final ConcurrentHashMap<String, Breaker> breakers = new ConcurrentHashMap<>();
  private final Function<String, ? extends Breaker> factory;

  private BreakerRegistry(Function<String, ? extends Breaker> factory) {
    this.factory = factory;
  }

  /** A registry whose breakers are {@link Breaker#of(String)}: go-zero's defaults. */
  public static BreakerRegistry create() {
    return new BreakerRegistry(Breaker::of);
  }

  /** A registry that builds each breaker with {@code factory} from its name. */
  public static BreakerRegistry create(Function<String, ? extends Breaker> factory) {
    return new BreakerRegistry(requireNonNull(factory, "factory"));
  }

  /** The breaker called {@code name}, created on first use; concurrent callers get one instance. */
  public Breaker get(String name) {
    requireNonNull(name, "name");
    Breaker breaker = breakers.get(name);
    if (breaker != null) {
      return breaker;
    }
    return breakers.computeIfAbsent(
        name, n -> requireNonNull(factory.apply(n), "factory returned null for " + n));
  }

  /** The breaker called {@code name} if one was created or disabled. */
  public Optional<Breaker> find(String name) {
    return Optional.ofNullable(breakers.get(requireNonNull(name, "name")));
  }

  /**
   * Disables breaking for {@code name}: from now on {@link #get} returns {@link Breaker#noop()} for
   * it, replacing any breaker it held (go-zero's {@code NoBreakerFor}).
   */
  public void noBreakerFor(String name) {
    breakers.put(requireNonNull(name, "name"), Breaker.noop());
  }
}
