package io.github.zero4j.stores.redis;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script and its SHA-1 digest (go-redis' {@code redis.NewScript}). {@link Redis#eval} sends
 * {@code EVALSHA <sha1>} and, when the server answers {@code NOSCRIPT} (after a restart or {@code
 * SCRIPT FLUSH}), sends the source once with {@code EVAL}, which caches it again.
 *
 * <pre>{@code
 * static final Script INCR_TO = Script.of("return redis.call('INCRBY', KEYS[1], ARGV[1])");
 * long n = redis.eval(INCR_TO, List.of("counter"), List.of("5")).asLong();
 * }</pre>
 *
 * <p>Immutable and thread-safe; create scripts once and keep them in constants.
 */
public final class Script {
  private final String source;
  private final String sha1;

  private Script(String source) {
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  /** A script with this Lua {@code source}. */
  public static Script of(String source) {
    requireNonNull(source, "source");
    if (source.isBlank()) {
      throw new IllegalArgumentException("source: \"\" (expected: a Lua script)");
    }
    return new Script(source);
  }

  /** The Lua source. */
  public String source() {
    return source;
  }

  /** The lower-case hex SHA-1 of the UTF-8 source: the name Redis caches the script under. */
  public String sha1() {
    return sha1;
  }

  @Override
  public String toString() {
    return "Script(" + sha1 + ")";
  }

  static String sha1Hex(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-1 (MessageDigest's javadoc).
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }
}
