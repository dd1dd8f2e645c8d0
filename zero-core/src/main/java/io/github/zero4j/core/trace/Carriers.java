package io.github.zero4j.core.trace;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Adapts plain functions to OpenTelemetry's carrier interfaces, so HTTP headers, gRPC metadata and
 * Kafka headers need no carrier class of their own: the carrier <em>is</em> the function.
 */
final class Carriers {

  /** Sets a field by calling the carrier, a {@code (key, value)} consumer. */
  static final TextMapSetter<BiConsumer<String, String>> SETTER =
      (carrier, key, value) -> {
        if (carrier != null) {
          carrier.accept(key, value);
        }
      };

  /** Gets a field by calling the carrier, a {@code key -> value or null} function. */
  static final TextMapGetter<Function<String, @Nullable String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, @Nullable String> carrier) {
          return List.of();
        }

        @Override
        public @Nullable String get(
            @Nullable Function<String, @Nullable String> carrier, String key) {
          return carrier == null ? null : carrier.apply(key);
        }
      };

  private Carriers() {}
}
