package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.github.zero4j.rest.jwt.JwtAuth;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtRouteTest {
  private static final String SECRET = "route-secret-1";
  private static final String PREVIOUS = "route-secret-0";

  private static String token(String secret, Instant expiresAt) {
    return JWT.create()
        .withClaim("userId", 42)
        .withExpiresAt(expiresAt)
        .sign(Algorithm.HMAC256(secret));
  }

  @Test
  void jwtRoutes_letValidTokensThroughAndAnswer401Otherwise() {
    RouteGroup secured =
        RouteGroup.builder()
            .prefix("/api")
            .jwt(JwtAuth.builder().secret(SECRET).previousSecret(PREVIOUS).build())
            .route(
                HttpMethod.GET,
                "/me",
                r -> Response.text("user " + r.attribute("userId").orElse("?")))
            .build();
    RouteGroup custom =
        RouteGroup.builder()
            .jwt(
                JwtAuth.builder()
                    .secret(SECRET)
                    .unauthorizedCallback(
                        (request, reason) ->
                            Response.json(200, Map.of("code", 401, "msg", "please log in")))
                    .build())
            .route(HttpMethod.GET, "/soft", r -> Response.ok())
            .build();
    try (TestServer server =
        TestServer.start(
            b ->
                b.group(secured)
                    .group(custom)
                    .route(HttpMethod.GET, "/open", r -> Response.ok()))) {
      Instant later = Instant.now().plus(Duration.ofHours(1));
      HttpResponse<String> ok =
          server.send(
              server
                  .request("/api/me")
                  .header("Authorization", "Bearer " + token(SECRET, later))
                  .build());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("user 42");
      assertThat(
              server
                  .send(
                      server
                          .request("/api/me")
                          .header("Authorization", "Bearer " + token(PREVIOUS, later))
                          .build())
                  .body())
          .isEqualTo("user 42");

      HttpResponse<String> missing = server.get("/api/me");
      assertThat(missing.statusCode()).isEqualTo(401);
      assertThat(missing.body()).isEmpty();
      Instant past = Instant.now().minus(Duration.ofMinutes(1));
      assertThat(
              server
                  .send(
                      server
                          .request("/api/me")
                          .header("Authorization", "Bearer " + token(SECRET, past))
                          .build())
                  .statusCode())
          .isEqualTo(401);
      assertThat(server.get("/open").statusCode()).isEqualTo(200);

      HttpResponse<String> soft = server.get("/soft");
      assertThat(soft.statusCode()).isEqualTo(200);
      assertThat(soft.body()).contains("\"code\":401").contains("\"msg\":\"please log in\"");
    }
  }
}
