package io.github.zero4j.stores.redis;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A Redis command failed: the server answered an error, the command timed out, the connection is
 * down, or the reply could not be used. The message reads {@code redis <COMMAND>: <reason>} and
 * names the command, never the values sent; {@link #getCause()} is the underlying Lettuce
 * exception, if any.
 *
 * <p>A call dropped by the client's circuit breaker throws {@link
 * io.github.zero4j.core.breaker.BreakerOpenException} instead, unwrapped.
 */
public final class RedisException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String command;

  /** A failure of {@code command} (upper case, e.g. {@code GET}) for {@code reason}. */
  public RedisException(String command, String reason, @Nullable Throwable cause) {
    super("redis " + requireNonNull(command, "command") + ": " + reason, cause);
    this.command = command;
  }

  /** The command that failed, e.g. {@code GET} or {@code EVALSHA}. */
  public String command() {
    return command;
  }
}
