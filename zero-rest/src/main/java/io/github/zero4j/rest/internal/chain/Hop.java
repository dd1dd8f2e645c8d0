package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Middleware;

/** One middleware of a route's inner chain, with the name its misbehaviour is reported under. */
final class Hop {
  final String name;
  final Middleware middleware;

  Hop(String name, Middleware middleware) {
    this.name = name;
    this.middleware = middleware;
  }

  /** {@code label} and what identifies {@code middleware}: its own toString, else its class. */
  static String describe(String label, Middleware middleware) {
    String identity;
    try {
      boolean ownToString =
          middleware.getClass().getMethod("toString").getDeclaringClass() != Object.class;
      identity = ownToString ? middleware.toString() : middleware.getClass().getName();
    } catch (NoSuchMethodException e) {
      identity = middleware.getClass().getName();
    }
    return label + " (" + identity + ")";
  }

  @Override
  public String toString() {
    return name;
  }
}
