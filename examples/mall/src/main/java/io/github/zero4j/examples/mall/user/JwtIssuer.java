package io.github.zero4j.examples.mall.user;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.core.json.RecyclerPerThreadKind;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues the HS256 tokens that zero-rest's {@code JwtAuth} (here and in order-api) verifies, as
 * go-zero's looklook does with {@code jwt.NewWithClaims}: claims {@code iat}, {@code exp} (Unix
 * seconds) and {@code userId} (a number). Thread-safe.
 */
final class JwtIssuer {
  static final String USER_ID = "userId";

  private static final String HMAC = "HmacSHA256";
  private static final byte[] HEADER =
      "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8);

  private final SecretKeySpec key;
  private final Duration expire;
  private final InstantSource clock;
  // Written on handler threads, virtual on JDK 21+: buffers shared between them.
  private final ObjectMapper json =
      new ObjectMapper(
          JsonFactory.builder().recyclerPool(RecyclerPerThreadKind.instance()).build());

  JwtIssuer(String secret, Duration expire, InstantSource clock) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    this.expire = requireNonNull(expire, "expire");
    this.clock = requireNonNull(clock, "clock");
  }

  /** A token for {@code userId}, valid from now for the configured lifetime. */
  String issue(long userId) {
    long now = clock.instant().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iat", now);
    claims.put("exp", now + expire.toSeconds());
    claims.put(USER_ID, userId);
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    String unsigned;
    try {
      unsigned =
          base64.encodeToString(HEADER)
              + "."
              + base64.encodeToString(json.writeValueAsBytes(claims));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("claims do not serialize: " + claims, e);
    }
    return unsigned + "." + base64.encodeToString(sign(unsigned));
  }

  private byte[] sign(String unsigned) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
