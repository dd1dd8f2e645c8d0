package io.github.zero4j.rpc;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.Key;
import io.github.zero4j.core.conf.OptionalKey;
import java.util.List;

/**
 * Where a service registers and is found in etcd: go-zero's {@code discov.EtcdConf}, under the
 * {@code Etcd} key of {@link RpcServerConf} and {@link RpcClientConf}.
 *
 * <pre>{@code
 * Etcd:
 *   Hosts: [127.0.0.1:2379]
 *   Key: usercenter.rpc
 * }</pre>
 *
 * <p>The account ({@code User}, {@code Pass}) and TLS keys ({@code CertFile}, {@code CertKeyFile},
 * {@code CACertFile}, {@code InsecureSkipVerify}) load so that a go-zero file binds unchanged, but
 * zero-rpc's registrar and resolver connect to etcd without authentication or TLS: {@link
 * RpcServer} and {@link RpcClient} reject a configuration that sets any of them rather than ignore
 * it.
 *
 * @param hosts etcd endpoints, {@code host:port}; required, at least one
 * @param key the service key, servers register under {@code <Key>/<id>}; required
 * @param id a fixed registration id instead of the lease id (go-zero's {@code ID}); 0 = the lease
 * @param user etcd user; not supported, must be empty
 * @param pass etcd password; not supported, must be empty
 * @param certFile client certificate; not supported, must be empty
 * @param certKeyFile client key; not supported, must be empty
 * @param caCertFile CA certificate; not supported, must be empty
 * @param insecureSkipVerify skip TLS verification; not supported, must be false
 */
public record EtcdConf(
    List<String> hosts,
    String key,
    @OptionalKey long id,
    @OptionalKey String user,
    @OptionalKey String pass,
    @OptionalKey String certFile,
    @OptionalKey String certKeyFile,
    @Key("CACertFile") @OptionalKey String caCertFile,
    @OptionalKey boolean insecureSkipVerify) {

  /** Checks go-zero's {@code EtcdConf.Validate}: hosts and key set, id not negative. */
  public EtcdConf {
    requireNonNull(hosts, "hosts");
    requireNonNull(key, "key");
    requireNonNull(user, "user");
    requireNonNull(pass, "pass");
    requireNonNull(certFile, "certFile");
    requireNonNull(certKeyFile, "certKeyFile");
    requireNonNull(caCertFile, "caCertFile");
    hosts = List.copyOf(hosts);
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("Hosts: [] (expected: at least one host:port)");
    }
    for (String host : hosts) {
      if (host.isBlank()) {
        throw new IllegalArgumentException("Hosts: " + hosts + " (expected: no blank entry)");
      }
    }
    if (key.isBlank()) {
      throw new IllegalArgumentException("Key: '" + key + "' (expected: not blank)");
    }
    if (id < 0) {
      throw new IllegalArgumentException("ID: " + id + " (expected: >= 0)");
    }
  }

  /** Hosts and key, everything else empty. */
  public static EtcdConf of(List<String> hosts, String key) {
    return new EtcdConf(hosts, key, 0, "", "", "", "", "", false);
  }

  /**
   * @throws IllegalArgumentException when an account or TLS key is set: zero-rpc does not support
   *     them, and silently connecting without them would be worse
   */
  void requireSupported() {
    if (!user.isEmpty() || !pass.isEmpty()) {
      throw new IllegalArgumentException(
          "Etcd.User/Pass: set for "
              + key
              + " (expected: empty; zero-rpc connects to etcd without authentication)");
    }
    if (!certFile.isEmpty()
        || !certKeyFile.isEmpty()
        || !caCertFile.isEmpty()
        || insecureSkipVerify) {
      throw new IllegalArgumentException(
          "Etcd.CertFile/CertKeyFile/CACertFile/InsecureSkipVerify: set for "
              + key
              + " (expected: unset; zero-rpc connects to etcd without TLS)");
    }
  }
}
