package io.github.zero4j.rpc.interceptor;

import io.grpc.Metadata;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * ASCII metadata keys by name, made once: propagators ask for the same few keys ({@code
 * traceparent}, {@code tracestate}, {@code baggage}) on every call. Thread-safe.
 */
final class MetadataKeys {
  private static final ConcurrentHashMap<String, Metadata.Key<String>> KEYS =
      new ConcurrentHashMap<>();

  private MetadataKeys() {}

  /** The ASCII key {@code name}, or null when it is not a valid ASCII metadata key. */
  static Metadata.@Nullable Key<String> ascii(String name) {
    Metadata.Key<String> key = KEYS.get(name);
    if (key != null) {
      return key;
    }
    try {
      key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    } catch (IllegalArgumentException e) {
      return null; // a binary (-bin) or malformed name: not a text carrier field
    }
    Metadata.Key<String> raced = KEYS.putIfAbsent(name, key);
    return raced != null ? raced : key;
  }

  /** The value of ASCII key {@code name} in {@code metadata}, or null. */
  static @Nullable String get(Metadata metadata, String name) {
    Metadata.Key<String> key = ascii(name);
    return key == null ? null : metadata.get(key);
  }

  /** Puts ASCII key {@code name}; ignores names that are not valid ASCII keys. */
  static void put(Metadata metadata, String name, String value) {
    Metadata.Key<String> key = ascii(name);
    if (key != null) {
      metadata.put(key, value);
    }
  }
}
