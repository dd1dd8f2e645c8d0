package io.github.zero4j.stores.cache;

import org.jspecify.annotations.Nullable;

/**
 * What one flight of {@code take} produced, shared with the callers that waited for it: the value
 * with its JSON, or "not found".
 */
final class Outcome {
  static final Outcome NOT_FOUND = new Outcome(null, null);

  private final @Nullable Object value;
  private final @Nullable String json;

  private Outcome(@Nullable Object value, @Nullable String json) {
    this.value = value;
    this.json = json;
  }

  static Outcome of(Object value, String json) {
    return new Outcome(value, json);
  }

  boolean found() {
    return value != null;
  }

  @Nullable Object value() {
    return value;
  }

  @Nullable String json() {
    return json;
  }
}
