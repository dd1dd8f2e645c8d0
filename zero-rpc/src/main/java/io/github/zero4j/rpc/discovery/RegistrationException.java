package io.github.zero4j.rpc.discovery;

import org.jspecify.annotations.Nullable;

/** A service could not be registered in etcd; carries the registration key. */
public final class RegistrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  RegistrationException(String key, String message, @Nullable Throwable cause) {
    super(key + ": " + message, cause);
    this.key = key;
  }

  /** The service key ({@code Etcd.Key}) that was being registered. */
  public String key() {
    return key;
  }
}
