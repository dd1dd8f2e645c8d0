package io.github.zero4j.queue.kq;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/** Client settings the pusher, the queue and its dead-letter producer have in common. */
final class ClientProps {
  private ClientProps() {}

  /**
   * Bootstrap servers and go-queue's security keys: SASL/PLAIN when both credentials are set, TLS
   * with the PEM roots of {@code caFile} when it is set (the broker's certificate is verified).
   */
  static void common(
      Map<String, Object> props,
      List<String> brokers,
      String caFile,
      String username,
      String password) {
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", brokers));
    boolean sasl = !username.isEmpty() && !password.isEmpty();
    boolean tls = !caFile.isEmpty();
    if (sasl) {
      props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, tls ? "SASL_SSL" : "SASL_PLAINTEXT");
      props.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
      props.put(
          SaslConfigs.SASL_JAAS_CONFIG,
          "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
              + escape(username)
              + "\" password=\""
              + escape(password)
              + "\";");
    } else if (tls) {
      props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
    }
    if (tls) {
      props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
      props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, caFile);
    }
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
