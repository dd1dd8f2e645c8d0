package io.github.zero4j.rest.jwt;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.github.zero4j.core.timex.FakeTicker;
import io.github.zero4j.rest.Middleware;
import io.github.zero4j.rest.RejectedException;
import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class JwtAuthTest {
  private static final String SECRET = "current-secret-1";
  private static final String PREVIOUS = "previous-secret-0";

  /** A chain whose "rest" records the request it was given and answers 200. */
  private static final class RecordingChain implements Middleware.Chain {
    private final Request request;
    @Nullable Request passed;
    @Nullable Response refused;

    RecordingChain(Request request) {
      this.request = request;
    }

    @Override
    public Request request() {
      return request;
    }

    @Override
    public Response proceed(Request request) {
      passed = request;
      return Response.ok();
    }
  }

  private static RecordingChain call(JwtAuth auth, @Nullable String authorization)
      throws Exception {
    Request.Builder builder = Request.builder().uri("/me");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    RecordingChain chain = new RecordingChain(builder.build());
    chain.passed = null;
    Response response = auth.handle(chain);
    if (chain.passed == null) {
      assertThat(response.error()).isPresent();
      chain.refused = response;
    }
    return chain;
  }

  private static String token(String secret) {
    return JWT.create()
        .withClaim("userId", 42)
        .withClaim("role", "admin")
        .withClaim("score", 1.5)
        .withClaim("tags", List.of("a", "b"))
        .withSubject("ann")
        .withExpiresAt(Instant.now().plus(Duration.ofHours(1)))
        .sign(Algorithm.HMAC256(secret));
  }

  private static void assertRefused(RecordingChain chain, String reason) {
    assertThat(chain.passed).isNull();
    Response refused = requireNonNull(chain.refused, "refused");
    Throwable error = refused.error().orElseThrow();
    assertThat(error).isInstanceOf(RejectedException.class);
    assertThat(((RejectedException) error).rejection()).isEqualTo(Rejection.UNAUTHORIZED);
    assertThat(((RejectedException) error).status()).isEqualTo(401);
    assertThat(error.getMessage()).containsIgnoringCase(reason);
  }

  @Test
  void validToken_passesWithClaimsAsAttributes() throws Exception {
    RecordingChain chain = call(JwtAuth.of(SECRET), "Bearer " + token(SECRET));
    Request passed = requireNonNull(chain.passed, "passed");
    assertThat(passed.attribute("userId")).contains(42L);
    assertThat(passed.attribute("role")).contains("admin");
    assertThat(passed.attribute("score")).contains(1.5);
    assertThat(passed.attribute("tags")).contains(List.of("a", "b"));
    // Registered claims stay out of the attributes, as in go-zero, but are in claims().
    assertThat(passed.attribute("sub")).isEmpty();
    assertThat(passed.attribute("exp")).isEmpty();
    assertThat(JwtAuth.claims(passed)).containsEntry("sub", "ann").containsKey("exp");
  }

  @Test
  void bearerPrefixIsOptionalAndCaseInsensitive() throws Exception {
    assertThat(call(JwtAuth.of(SECRET), token(SECRET)).passed).isNotNull();
    assertThat(call(JwtAuth.of(SECRET), "bEaReR " + token(SECRET)).passed).isNotNull();
  }

  @Test
  void allHmacAlgorithmsVerify() throws Exception {
    for (Algorithm algorithm :
        List.of(Algorithm.HMAC256(SECRET), Algorithm.HMAC384(SECRET), Algorithm.HMAC512(SECRET))) {
      String token = JWT.create().withClaim("userId", 1).sign(algorithm);
      assertThat(call(JwtAuth.of(SECRET), "Bearer " + token).passed).isNotNull();
    }
  }

  @Test
  void missingToken_isRefused() throws Exception {
    assertRefused(call(JwtAuth.of(SECRET), null), "no token present in request");
    assertRefused(call(JwtAuth.of(SECRET), "Bearer "), "no token present in request");
  }

  @Test
  void expiredToken_isRefused() throws Exception {
    String expired =
        JWT.create()
            .withClaim("userId", 1)
            .withExpiresAt(Instant.now().minus(Duration.ofMinutes(5)))
            .sign(Algorithm.HMAC256(SECRET));
    assertRefused(call(JwtAuth.of(SECRET), "Bearer " + expired), "expired");
  }

  @Test
  void notYetValidToken_isRefused() throws Exception {
    String early =
        JWT.create()
            .withNotBefore(Instant.now().plus(Duration.ofMinutes(5)))
            .sign(Algorithm.HMAC256(SECRET));
    assertRefused(call(JwtAuth.of(SECRET), "Bearer " + early), "can't be used before");
  }

  @Test
  void tamperedToken_isRefused() throws Exception {
    String[] parts = token(SECRET).split("\\.", -1);
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"userId\":1,\"role\":\"admin\"}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertRefused(
        call(JwtAuth.of(SECRET), "Bearer " + parts[0] + "." + forged + "." + parts[2]),
        "signature");
  }

  @Test
  void algNoneToken_isRefused() throws Exception {
    String none = JWT.create().withClaim("userId", 1).sign(Algorithm.none());
    assertRefused(call(JwtAuth.of(SECRET), "Bearer " + none), "unexpected signing method: none");
  }

  @Test
  void rsaSignedToken_isRefusedBeforeAnyVerification() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    var keys = generator.generateKeyPair();
    String rsa =
        JWT.create()
            .withClaim("userId", 1)
            .sign(
                Algorithm.RSA256(
                    (RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()));
    assertRefused(call(JwtAuth.of(SECRET), "Bearer " + rsa), "unexpected signing method: RS256");
  }

  @Test
  void garbageToken_isRefused() throws Exception {
    assertRefused(call(JwtAuth.of(SECRET), "Bearer not.a.jwt"), "");
  }

  @Test
  void wrongSecret_isRefused() throws Exception {
    assertRefused(call(JwtAuth.of(SECRET), "Bearer " + token("some-other-secret")), "signature");
  }

  @Test
  void previousSecret_isAcceptedDuringRotation() throws Exception {
    JwtAuth rotating = JwtAuth.builder().secret(SECRET).previousSecret(PREVIOUS).build();
    assertThat(call(rotating, "Bearer " + token(PREVIOUS)).passed).isNotNull();
    assertThat(call(rotating, "Bearer " + token(SECRET)).passed).isNotNull();
    assertRefused(call(rotating, "Bearer " + token("a-third-secret")), "signature");
    assertRefused(call(JwtAuth.of(SECRET), "Bearer " + token(PREVIOUS)), "signature");
  }

  @Test
  void rotation_keepsAcceptingBothAfterTheDailyReset() throws Exception {
    FakeTicker ticker = new FakeTicker();
    JwtAuth rotating =
        JwtAuth.builder().secret(SECRET).previousSecret(PREVIOUS).ticker(ticker).build();
    for (int i = 0; i < 3; i++) {
      assertThat(call(rotating, "Bearer " + token(PREVIOUS)).passed).isNotNull();
    }
    ticker.advance(Duration.ofHours(25));
    assertThat(call(rotating, "Bearer " + token(SECRET)).passed).isNotNull();
    assertThat(call(rotating, "Bearer " + token(PREVIOUS)).passed).isNotNull();
  }

  @Test
  void expiredTokenUnderThePreviousSecret_isRefusedAsExpired() throws Exception {
    JwtAuth rotating = JwtAuth.builder().secret(SECRET).previousSecret(PREVIOUS).build();
    String expired =
        JWT.create()
            .withExpiresAt(Instant.now().minus(Duration.ofMinutes(5)))
            .sign(Algorithm.HMAC256(PREVIOUS));
    assertRefused(call(rotating, "Bearer " + expired), "expired");
  }

  @Test
  void callback_ownsTheResponse() throws Exception {
    JwtAuth auth =
        JwtAuth.builder()
            .secret(SECRET)
            .unauthorizedCallback(
                (request, reason) ->
                    Response.json(
                        200, Map.of("code", 401, "msg", String.valueOf(reason.getMessage()))))
            .build();
    RecordingChain chain =
        new RecordingChain(Request.builder().header("Authorization", "x.y.z").build());
    Response response = auth.handle(chain);
    assertThat(chain.passed).isNull();
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.entity()).isPresent();
  }

  @Test
  void shortSecrets_areRejectedAsGoZeroDoes() {
    assertThatThrownBy(() -> JwtAuth.of("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret: 5 characters (expected: at least 8, as go-zero requires)");
    assertThatThrownBy(() -> JwtAuth.builder().secret(SECRET).previousSecret("x"))
        .hasMessageStartingWith("previousSecret: 1 characters");
    assertThatThrownBy(() -> JwtAuth.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("secret: not set (expected: a signing secret)");
  }
}
