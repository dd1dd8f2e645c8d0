package io.github.zero4j.examples.mall.notification;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The SMS providers known to notification-mq, by the name the {@code Sms.Provider} key takes. Only
 * {@code log} ships with the example; a real gateway is one more entry here.
 */
public final class SmsSenders {
  /** The provider that logs instead of sending. */
  public static final String LOG = "log";

  private static final SortedMap<String, Supplier<SmsSender>> PROVIDERS =
      Collections.unmodifiableSortedMap(
          new TreeMap<>(Map.<String, Supplier<SmsSender>>of(LOG, LogSmsSender::new)));

  private SmsSenders() {}

  /** The known provider names, sorted. */
  public static List<String> providers() {
    return List.copyOf(PROVIDERS.keySet());
  }

  /**
   * A new sender of {@code provider}.
   *
   * @throws IllegalArgumentException naming the key and the known providers when there is no such
   *     provider
   */
  public static SmsSender of(String provider) {
    requireNonNull(provider, "provider");
    Supplier<SmsSender> factory = PROVIDERS.get(provider);
    if (factory == null) {
      throw new IllegalArgumentException(unknown(provider));
    }
    return factory.get();
  }

  static boolean known(String provider) {
    return PROVIDERS.containsKey(provider);
  }

  static String unknown(String provider) {
    return "Sms.Provider: "
        + provider
        + " (expected: one of "
        + String.join(", ", PROVIDERS.keySet())
        + ")";
  }
}
