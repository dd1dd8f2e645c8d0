package io.github.zero4j.queue;

import java.util.List;

/**
 * One or more services of a {@link ServiceGroup} failed to start or to stop. The first failure is
 * the cause; every failure is also attached as a suppressed exception, in the order they happened.
 */
public final class ServiceGroupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ServiceGroupException(String message, List<RuntimeException> failures) {
    super(message, failures.isEmpty() ? null : failures.get(0));
    for (RuntimeException failure : failures) {
      addSuppressed(failure);
    }
  }
}
