package io.github.zero4j.examples.mall.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class JwtIssuerTest {
  private static final String SECRET = "zero4j-mall-test-secret";

  @Test
  void issuesHs256TokensWithUserIdIatAndExp() {
    Instant now = Instant.now();
    JwtIssuer issuer = new JwtIssuer(SECRET, Duration.ofHours(1), InstantSource.fixed(now));

    DecodedJWT jwt = JWT.require(Algorithm.HMAC256(SECRET)).build().verify(issuer.issue(42));

    assertThat(jwt.getAlgorithm()).isEqualTo("HS256");
    assertThat(jwt.getClaim("userId").asLong()).isEqualTo(42L);
    assertThat(jwt.getIssuedAtAsInstant())
        .isEqualTo(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(jwt.getExpiresAtAsInstant())
        .isEqualTo(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(3600));
  }

  @Test
  void anotherSecretDoesNotVerify() {
    String token = new JwtIssuer(SECRET, Duration.ofHours(1), InstantSource.system()).issue(7);

    assertThatThrownBy(() -> JWT.require(Algorithm.HMAC256("another-secret")).build().verify(token))
        .isInstanceOf(SignatureVerificationException.class);
  }
}
