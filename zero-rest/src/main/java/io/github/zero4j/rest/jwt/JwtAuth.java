package io.github.zero4j.rest.jwt;

import static java.util.Objects.requireNonNull;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.rest.Middleware;
import io.github.zero4j.rest.RejectedException;
import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Verification, as go-zero's rest/handler/authhandler.go and rest/token/tokenparser.go:
 *
 * 1. The token is the Authorization header, without a "Bearer " prefix in any case. No header:
 *    refused ("no token present in request").
 * 2. The header's alg must be HS256, HS384 or HS512: the key is a shared secret, so only HMAC can
 *    verify, and "none" or an RSA/EC alg (the algorithm-confusion attacks) is refused before any
 *    verification. java-jwt then checks the signature, then exp, nbf and iat.
 * 3. Secret rotation (WithJwtTransition): with a previous secret, both are tried. As go-zero does,
 *    the secret that verified more tokens since the last reset is tried first, so during a rotation
 *    most requests verify once; the counters reset every 24 hours (go-zero's tokenparser). A token
 *    that fails for any reason other than its signature (expired, not yet valid) is refused at once.
 * 4. Accepted: every claim except the registered ones (aud, exp, jti, iat, iss, nbf, sub) becomes a
 *    request attribute under its own name, as go-zero puts them in the context; whole numbers are
 *    Longs, other numbers Doubles. claims(request) returns all of them, registered ones included.
 * 5. Refused: one WARN line "authorize failed: <reason>" (go-zero logs it as an error, but a refused
 *    token is the client's fault, not the server's); then the unauthorized callback's response,
 *    or a 401 through the server's error handler.
 *
 * Concurrency: verifiers are immutable and thread-safe; the two counters are atomics, and the
 * reset races benignly (two threads may both reset).
 */
/**
 * A middleware that lets a request through only with a valid HMAC-signed JWT in its {@code
 * Authorization} header, and exposes the claims to handlers.
 *
 * <pre>{@code
 * RouteGroup.builder()
 *     .jwt(JwtAuth.builder().secret(current).previousSecret(old).build())
 *     .route(HttpMethod.GET, "/me", request -> Response.json(request.attribute("userId")))
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class JwtAuth implements Middleware {
  /** The request attribute holding every claim of the accepted token. */
  public static final String CLAIMS_ATTRIBUTE = "zero4j.jwt.claims";

  /** go-zero refuses secrets shorter than this at start-up (rest/server.go validateSecret). */
  public static final int MIN_SECRET_LENGTH = 8;

  /** go-zero resets the rotation counters daily (rest/token/tokenparser.go). */
  private static final long RESET_NANOS = TimeUnit.HOURS.toNanos(24);

  private static final String BEARER = "bearer ";
  private static final Set<String> REGISTERED_CLAIMS =
      Set.of("aud", "exp", "jti", "iat", "iss", "nbf", "sub");
  private static final Logger LOG = LoggerFactory.getLogger(JwtAuth.class);

  private final Verifiers current;
  private final @Nullable Verifiers previous;
  private final @Nullable UnauthorizedCallback callback;
  private final Ticker ticker;
  private final AtomicLong currentCount = new AtomicLong();
  private final AtomicLong previousCount = new AtomicLong();
  private final AtomicLong resetAt;

  private JwtAuth(Builder builder, String secret) {
    this.current = new Verifiers(secret);
    String old = builder.previousSecret;
    this.previous = old == null ? null : new Verifiers(old);
    this.callback = builder.callback;
    this.ticker = builder.ticker;
    this.resetAt = new AtomicLong(ticker.read() + RESET_NANOS);
  }

  /** A check with one secret of at least {@value #MIN_SECRET_LENGTH} characters. */
  public static JwtAuth of(String secret) {
    return builder().secret(secret).build();
  }

  /** A builder; {@link Builder#secret(String)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every claim of the token the request was accepted with; empty when it had none. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> claims(Request request) {
    return request
        .attribute(CLAIMS_ATTRIBUTE)
        .map(claims -> (Map<String, Object>) claims)
        .orElse(Map.of());
  }

  @Override
  public Response handle(Chain chain) throws Exception {
    Request request = chain.request();
    DecodedJWT token;
    try {
      token = verify(request.header("Authorization").orElse(""));
    } catch (JWTVerificationException e) {
      LOG.warn("authorize failed: {}, {} {}", e.getMessage(), request.method(), request.uri());
      UnauthorizedCallback onUnauthorized = callback;
      if (onUnauthorized != null) {
        return onUnauthorized.onUnauthorized(request, e);
      }
      return Response.error(
          new RejectedException(Rejection.UNAUTHORIZED, "authorize failed: " + e.getMessage(), e));
    }
    Map<String, Object> all = new LinkedHashMap<>();
    Map<String, Object> unregistered = new LinkedHashMap<>();
    for (Map.Entry<String, Claim> entry : token.getClaims().entrySet()) {
      Object value = value(entry.getValue());
      if (value == null) {
        continue;
      }
      all.put(entry.getKey(), value);
      if (!REGISTERED_CLAIMS.contains(entry.getKey())) {
        unregistered.put(entry.getKey(), value);
      }
    }
    Request authorized =
        request.toBuilder()
            .attributes(unregistered)
            .attribute(CLAIMS_ATTRIBUTE, Collections.unmodifiableMap(all))
            .build();
    return chain.proceed(authorized);
  }

  @Override
  public String toString() {
    return "JwtAuth[" + (previous == null ? "one secret" : "secret rotation") + "]";
  }

  private DecodedJWT verify(String authorization) {
    String raw = authorization.trim();
    if (raw.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      raw = raw.substring(BEARER.length()).trim();
    } else if (raw.equalsIgnoreCase(BEARER.trim())) {
      raw = "";
    }
    if (raw.isEmpty()) {
      throw new JWTVerificationException("no token present in request");
    }
    DecodedJWT token = JWT.decode(raw);
    String algorithm = token.getAlgorithm();
    Verifiers old = previous;
    if (old == null) {
      return current.verify(token, algorithm);
    }
    maybeReset();
    boolean previousFirst = previousCount.get() > currentCount.get();
    Verifiers first = previousFirst ? old : current;
    Verifiers second = previousFirst ? current : old;
    DecodedJWT verified;
    try {
      verified = first.verify(token, algorithm);
      (previousFirst ? previousCount : currentCount).incrementAndGet();
    } catch (SignatureVerificationException e) {
      verified = second.verify(token, algorithm);
      (previousFirst ? currentCount : previousCount).incrementAndGet();
    }
    return verified;
  }

  private void maybeReset() {
    long deadline = resetAt.get();
    long now = ticker.read();
    if (now - deadline >= 0 && resetAt.compareAndSet(deadline, now + RESET_NANOS)) {
      currentCount.set(0);
      previousCount.set(0);
    }
  }

  private static @Nullable Object value(Claim claim) {
    if (claim.isNull() || claim.isMissing()) {
      return null;
    }
    Object value;
    try {
      value = claim.as(Object.class);
    } catch (JWTDecodeException e) {
      return claim.asString();
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float single) {
      return single.doubleValue();
    }
    return value;
  }

  /** The HMAC verifiers of one secret, one per algorithm. */
  private static final class Verifiers {
    private final JWTVerifier hs256;
    private final JWTVerifier hs384;
    private final JWTVerifier hs512;

    Verifiers(String secret) {
      hs256 = JWT.require(Algorithm.HMAC256(secret)).build();
      hs384 = JWT.require(Algorithm.HMAC384(secret)).build();
      hs512 = JWT.require(Algorithm.HMAC512(secret)).build();
    }

    DecodedJWT verify(DecodedJWT token, String algorithm) {
      return switch (algorithm) {
        case "HS256" -> hs256.verify(token);
        case "HS384" -> hs384.verify(token);
        case "HS512" -> hs512.verify(token);
        default ->
            throw new JWTVerificationException(
                "unexpected signing method: " + algorithm + " (expected: HS256, HS384 or HS512)");
      };
    }
  }

  /** Builds a {@link JwtAuth}; not thread-safe. */
  public static final class Builder {
    private @Nullable String secret;
    private @Nullable String previousSecret;
    private @Nullable UnauthorizedCallback callback;
    private Ticker ticker = Ticker.system();

    private Builder() {}

    /** The signing secret, at least {@value #MIN_SECRET_LENGTH} characters. */
    public Builder secret(String secret) {
      this.secret = checkSecret("secret", secret);
      return this;
    }

    /** The secret being rotated out, accepted as well (go-zero's {@code WithJwtTransition}). */
    public Builder previousSecret(String previousSecret) {
      this.previousSecret = checkSecret("previousSecret", previousSecret);
      return this;
    }

    /** Answers refused requests instead of a 401 through the server's error handler. */
    public Builder unauthorizedCallback(UnauthorizedCallback callback) {
      this.callback = requireNonNull(callback, "callback");
      return this;
    }

    /** The clock of the daily rotation-counter reset. */
    public Builder ticker(Ticker ticker) {
      this.ticker = requireNonNull(ticker, "ticker");
      return this;
    }

    /** The check. */
    public JwtAuth build() {
      String key = secret;
      if (key == null) {
        throw new IllegalStateException("secret: not set (expected: a signing secret)");
      }
      return new JwtAuth(this, key);
    }

    private static String checkSecret(String name, String value) {
      requireNonNull(value, name);
      if (value.length() < MIN_SECRET_LENGTH) {
        throw new IllegalArgumentException(
            name
                + ": "
                + value.length()
                + " characters (expected: at least "
                + MIN_SECRET_LENGTH
                + ", as go-zero requires)");
      }
      return value;
    }
  }
}
