package io.github.zero4j.stores.redis;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.Default;
import io.github.zero4j.core.conf.OptionalKey;
import io.github.zero4j.core.conf.Options;
import java.time.Duration;

/**
 * go-zero's {@code RedisConf}, with its keys, defaults and options, so a go-zero {@code Redis:}
 * block binds unchanged through {@code io.github.zero4j.core.conf.Conf}:
 *
 * <pre>{@code
 * Redis:
 *   Host: 127.0.0.1:6379         # cluster: 10.0.0.1:6379,10.0.0.2:6379,10.0.0.3:6379
 *   Type: node                   # node | cluster
 *   Pass: ${REDIS_PASS:-}
 * }</pre>
 *
 * In code: {@code RedisConf.node("127.0.0.1:6379")} or {@code
 * RedisConf.cluster("h1:7000,h2:7000")}, then the {@code with*} copies.
 *
 * @param host {@code host:port}, or for a cluster a comma-separated list of seed nodes (duplicates
 *     are dropped); the port defaults to 6379
 * @param type {@value #NODE} or {@value #CLUSTER}; default {@value #NODE}
 * @param user ACL user name; empty for none
 * @param pass password; empty for none
 * @param tls connect over TLS. As go-zero, the server certificate is not verified
 *     (InsecureSkipVerify)
 * @param nonBlock when {@code true} (default) {@link Redis#create} does not wait for Redis: it
 *     connects in the background and the first commands wait for that connection. When {@code
 *     false} it connects and PINGs within {@code pingTimeout}, and throws if Redis does not answer
 * @param pingTimeout how long the startup PING of {@code nonBlock: false} may take; default 1 s
 * @param disableIdentity do not send {@code CLIENT SETINFO lib-name/lib-ver} when connecting
 * @param protocol the RESP version: 3 (default) negotiates RESP3 with HELLO and falls back to RESP2
 *     on servers without it; 2 forces RESP2 and sends no HELLO
 * @param maintNotifications subscribe to Redis Enterprise/Cloud maintenance notifications
 *     (Lettuce's {@code MaintNotificationsConfig}); off by default, as in go-zero
 */
public record RedisConf(
    String host,
    @Default(NODE) @Options({NODE, CLUSTER}) String type,
    @OptionalKey String user,
    @OptionalKey String pass,
    @Default("false") boolean tls,
    @Default("true") boolean nonBlock,
    @Default("1s") Duration pingTimeout,
    @Default("false") boolean disableIdentity,
    @Default("3") @Options({"2", "3"}) int protocol,
    @Default("false") boolean maintNotifications) {

  /** {@code Type} of a single Redis server (or a primary with replicas behind one address). */
  public static final String NODE = "node";

  /** {@code Type} of a Redis Cluster. */
  public static final String CLUSTER = "cluster";

  /** go-zero's {@code PingTimeout} default. */
  public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(1);

  /** go-zero's {@code Protocol} default. */
  public static final int DEFAULT_PROTOCOL = 3;

  /** Validates every field; messages follow go-zero's ({@code empty redis host}). */
  public RedisConf {
    requireNonNull(host, "host");
    requireNonNull(type, "type");
    requireNonNull(user, "user");
    requireNonNull(pass, "pass");
    requireNonNull(pingTimeout, "pingTimeout");
    if (host.isBlank()) {
      throw new IllegalArgumentException("empty redis host");
    }
    if (!type.equals(NODE) && !type.equals(CLUSTER)) {
      throw new IllegalArgumentException(
          "type: \"" + type + "\" (expected: " + NODE + " or " + CLUSTER + ")");
    }
    if (pingTimeout.isNegative() || pingTimeout.isZero()) {
      throw new IllegalArgumentException("pingTimeout: " + pingTimeout + " (expected: > 0)");
    }
    if (protocol != 2 && protocol != 3) {
      throw new IllegalArgumentException("protocol: " + protocol + " (expected: 2 or 3)");
    }
  }

  /** A single node at {@code host} ({@code host:port}) with go-zero's defaults. */
  public static RedisConf node(String host) {
    return new RedisConf(
        host, NODE, "", "", false, true, DEFAULT_PING_TIMEOUT, false, DEFAULT_PROTOCOL, false);
  }

  /** A cluster seeded by {@code hosts} ({@code h1:p1,h2:p2,...}) with go-zero's defaults. */
  public static RedisConf cluster(String hosts) {
    return new RedisConf(
        hosts, CLUSTER, "", "", false, true, DEFAULT_PING_TIMEOUT, false, DEFAULT_PROTOCOL, false);
  }

  /** Whether {@link #type()} is {@value #CLUSTER}. */
  public boolean isCluster() {
    return CLUSTER.equals(type);
  }

  /** A copy with {@code user} and {@code pass}. */
  public RedisConf withAuth(String user, String pass) {
    return new RedisConf(
        host,
        type,
        user,
        pass,
        tls,
        nonBlock,
        pingTimeout,
        disableIdentity,
        protocol,
        maintNotifications);
  }

  /** A copy with {@code tls}. */
  public RedisConf withTls(boolean tls) {
    return new RedisConf(
        host,
        type,
        user,
        pass,
        tls,
        nonBlock,
        pingTimeout,
        disableIdentity,
        protocol,
        maintNotifications);
  }

  /** A copy with {@code nonBlock}. */
  public RedisConf withNonBlock(boolean nonBlock) {
    return new RedisConf(
        host,
        type,
        user,
        pass,
        tls,
        nonBlock,
        pingTimeout,
        disableIdentity,
        protocol,
        maintNotifications);
  }

  /** A copy with {@code protocol} (2 or 3). */
  public RedisConf withProtocol(int protocol) {
    return new RedisConf(
        host,
        type,
        user,
        pass,
        tls,
        nonBlock,
        pingTimeout,
        disableIdentity,
        protocol,
        maintNotifications);
  }

  /** Hides the password. */
  @Override
  public String toString() {
    return "RedisConf[host="
        + host
        + ", type="
        + type
        + ", user="
        + user
        + ", pass="
        + (pass.isEmpty() ? "" : "******")
        + ", tls="
        + tls
        + ", nonBlock="
        + nonBlock
        + ", pingTimeout="
        + pingTimeout
        + ", disableIdentity="
        + disableIdentity
        + ", protocol="
        + protocol
        + ", maintNotifications="
        + maintNotifications
        + "]";
  }
}
