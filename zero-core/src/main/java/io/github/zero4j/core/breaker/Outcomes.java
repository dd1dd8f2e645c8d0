package io.github.zero4j.core.breaker;

import java.util.function.Predicate;

/** Shared outcome predicates. */
final class Outcomes {
  /** go-zero's default {@code acceptable}: only "no error" is a success. */
  static final Predicate<Throwable> NONE_ACCEPTABLE = t -> false;

  private Outcomes() {}
}
