package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.zero4j.rest.jwt.JwtAuth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Throws malformed requests at a server, one connection each: every one must be answered with a
 * status below 500 (4xx for the ones malformed by construction) or a closed connection, and the
 * server must still serve valid requests afterwards. Seeded, so a failure reproduces.
 */
class FuzzTest {
  private static final long SEED = 0x5EED_2E80L;
  private static final int CASES = 10_500;
  private static final int SLOW_SENDERS = 40;
  private static final int CLIENT_THREADS = 8;
  private static final int MAX_BYTES = 4096;
  private static final int MAX_HEADER_BYTES = 8192;
  private static final String SECRET = "fuzzing-secret";

  record Signup(String mobile, int age) {}

  /** A generated request and whether it is malformed by construction (then only 4xx will do). */
  static final class Case {
    private final String kind;
    private final byte[] bytes;
    private final boolean malformed;

    Case(String kind, byte[] bytes, boolean malformed) {
      this.kind = kind;
      this.bytes = bytes;
      this.malformed = malformed;
    }

    String kind() {
      return kind;
    }

    byte[] bytes() {
      return bytes;
    }

    boolean malformed() {
      return malformed;
    }
  }

  @Test
  void malformedRequests_getA4xxOrAClosedConnection_andTheServerSurvives() throws Exception {
    RouteGroup secured =
        RouteGroup.builder()
            .jwt(JwtAuth.of(SECRET))
            .route(HttpMethod.GET, "/me", r -> Response.ok())
            .build();
    try (LogCapture problems = LogCapture.of("io.github.zero4j.rest", Level.WARN);
        TestServer server =
            TestServer.start(
                b ->
                    b.maxBytes(MAX_BYTES)
                        .maxHeaderBytes(MAX_HEADER_BYTES)
                        .readTimeout(Duration.ofMillis(200))
                        .idleTimeout(Duration.ofMillis(200))
                        .route(HttpMethod.GET, "/a", r -> Response.text("a"))
                        .route(
                            HttpMethod.GET, "/users/:id", r -> Response.json(r.bind(UserId.class)))
                        .route(HttpMethod.POST, "/signup", r -> Response.json(r.bind(Signup.class)))
                        .route(HttpMethod.POST, "/echo", r -> Response.text("" + r.bodyLength()))
                        .group(secured))) {
      List<Case> cases = generate(new Random(SEED));
      Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
      List<String> failures = new ArrayList<>();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
      try {
        List<Future<@Nullable String>> results = new ArrayList<>();
        for (Case c : cases) {
          results.add(clients.submit(() -> run(server.port(), c, outcomes)));
        }
        for (Future<@Nullable String> result : results) {
          String failure = result.get(60, TimeUnit.SECONDS);
          if (failure != null && failures.size() < 20) {
            failures.add(failure);
          }
        }
      } finally {
        clients.shutdownNow();
      }
      LoggerFactory.getLogger(FuzzTest.class).info("outcomes {}", new TreeMap<>(outcomes));
      assertThat(failures).as("outcomes %s", outcomes).isEmpty();
      assertThat(cases).hasSizeGreaterThanOrEqualTo(10_000);

      // Still serving.
      assertThat(server.get("/a").body()).isEqualTo("a");
      assertThat(
              server
                  .send(
                      server
                          .request("/signup")
                          .header("Content-Type", "application/json")
                          .POST(
                              java.net.http.HttpRequest.BodyPublishers.ofString(
                                  "{\"mobile\":\"1\",\"age\":3}"))
                          .build())
                  .body())
          .isEqualTo("{\"mobile\":\"1\",\"age\":3}");
      List<String> unexpected =
          problems.events.stream()
              // Refused tokens are WARN lines by design; so are slow calls on a loaded machine.
              .filter(e -> !e.getLoggerName().endsWith("JwtAuth"))
              .filter(e -> !e.getFormattedMessage().contains("slowcall("))
              .map(ILoggingEvent::getFormattedMessage)
              .toList();
      assertThat(unexpected).as("server warnings and errors").isEmpty();
    }
  }

  record UserId(@io.github.zero4j.rest.httpx.Path long id) {}

  /** Runs one case; returns a failure description, or null when the outcome is acceptable. */
  private static @Nullable String run(int port, Case c, Map<String, AtomicInteger> outcomes) {
    try (RawHttp raw = new RawHttp(port)) {
      try {
        raw.send(c.bytes());
      } catch (SocketException e) {
        // The server answered and closed while we were still writing (e.g. a 431): fine.
      }
      RawHttp.Reply reply;
      try {
        reply = raw.readOrEnd();
      } catch (SocketException e) {
        reply = null;
      } catch (RuntimeException e) {
        return c.kind() + ": unparseable reply (" + e + ") to " + show(c.bytes());
      }
      String outcome = reply == null ? "closed" : Integer.toString(reply.status);
      outcomes
          .computeIfAbsent(c.kind() + " " + outcome, k -> new AtomicInteger())
          .incrementAndGet();
      if (reply == null) {
        return null;
      }
      if (reply.status >= 500) {
        return c.kind() + ": " + reply.status + " to " + show(c.bytes());
      }
      if (c.malformed() && (reply.status < 400 || reply.status >= 500)) {
        return c.kind() + ": " + reply.status + " (expected 4xx) to " + show(c.bytes());
      }
      return null;
    } catch (IOException e) {
      return c.kind() + ": " + e + " for " + show(c.bytes());
    }
  }

  private static String show(byte[] bytes) {
    String text = new String(bytes, 0, Math.min(bytes.length, 160), StandardCharsets.ISO_8859_1);
    return "\""
        + text.replace("\r", "\\r").replace("\n", "\\n")
        + (bytes.length > 160 ? "...\"" : "\"");
  }

  // ---- generators ------------------------------------------------------------------------------

  private static List<Case> generate(Random random) throws IOException {
    List<Case> cases = new ArrayList<>(CASES + SLOW_SENDERS);
    for (int i = 0; i < SLOW_SENDERS; i++) {
      cases.add(slowSender(random));
    }
    for (int i = 0; i < CASES; i++) {
      cases.add(
          switch (i % 12) {
            case 0 -> randomBytes(random);
            case 1 -> brokenRequestLine(random);
            case 2 -> brokenHeader(random);
            case 3 -> i % 48 == 3 ? hugeHeaders(random) : badPercent(random);
            case 4 -> badJson(random);
            case 5 -> badGzip(random);
            case 6 -> overTheLimit(random);
            case 7 -> badChunking(random);
            case 8 -> badContentLength(random);
            case 9 -> badToken(random);
            case 10 -> badPathValue(random);
            default -> mutated(random);
          });
    }
    return cases;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static Case randomBytes(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(200)];
    random.nextBytes(bytes);
    // Make sure the garbage starts with a non-blank line, then end the "head".
    bytes[0] = (byte) ('!' + random.nextInt(90));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes);
    out.writeBytes(ascii("\r\n\r\n"));
    return new Case("random-bytes", out.toByteArray(), true);
  }

  private static final String[] BROKEN_LINES = {
    "GET\r\n\r\n",
    "GET /a\r\n\r\n",
    "GET /a HTTP/1.1 extra\r\nHost: x\r\n\r\n",
    "GET /a HTTP/2.0\r\nHost: x\r\n\r\n",
    "GET /a HTTP/0.9\r\nHost: x\r\n\r\n",
    "GET /a FTP/1.1\r\nHost: x\r\n\r\n",
    "G\u0000T /a HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /a\u0001b HTTP/1.1\r\nHost: x\r\n\r\n",
    "GET /a HTTP/1.1\rHost: x\r\n\r\n",
    "GET /a HTTP/1.\r\nHost: x\r\n\r\n",
    "\u00ff\u00fe /a HTTP/1.1\r\nHost: x\r\n\r\n",
  };

  /** RFC 9112 section 3 lets a server parse a request line on whitespace: tolerated, not 4xx. */
  private static final String[] LENIENT_LINES = {
    " GET /a HTTP/1.1\r\nHost: x\r\n\r\n", "GET  /a  HTTP/1.1\r\nHost: x\r\n\r\n",
  };

  private static Case brokenRequestLine(Random random) {
    if (random.nextInt(8) == 0) {
      String line = LENIENT_LINES[random.nextInt(LENIENT_LINES.length)];
      return new Case("lenient-request-line", ascii(line), false);
    }
    String line = BROKEN_LINES[random.nextInt(BROKEN_LINES.length)];
    return new Case("broken-request-line", ascii(line), true);
  }

  private static final String[] BROKEN_HEADERS = {
    "NoColon\r\n",
    "Bad Name: v\r\n",
    ": empty-name\r\n",
    "X-Nul: a\u0000b\r\n",
    "X-Ctl: a\u0001b\r\n",
    "Host : x\r\n",
    "Content-Length: 1\r\nContent-Length: 2\r\n",
    "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n",
  };

  private static Case brokenHeader(Random random) {
    String header = BROKEN_HEADERS[random.nextInt(BROKEN_HEADERS.length)];
    // Some of these a lenient parser could accept: only "no 5xx" is demanded of them.
    boolean surelyMalformed =
        !header.startsWith("Transfer-Encoding") && !header.startsWith("X-Ctl");
    return new Case(
        "broken-header",
        ascii("POST /echo HTTP/1.1\r\nHost: x\r\n" + header + "\r\nabc"),
        surelyMalformed);
  }

  private static Case hugeHeaders(Random random) {
    int size = MAX_HEADER_BYTES + 1 + random.nextInt(MAX_HEADER_BYTES);
    String request =
        random.nextBoolean()
            ? "GET /a HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(size) + "\r\n\r\n"
            : "GET /" + "u".repeat(size) + " HTTP/1.1\r\nHost: x\r\n\r\n";
    return new Case("huge-headers", ascii(request), true);
  }

  private static Case badPercent(Random random) {
    String[] targets = {"/a%", "/a%z", "/a%zz", "/users/%G1", "/a?x=%", "/a?x=%4", "/a?%%=1"};
    return new Case(
        "bad-percent",
        ascii("GET " + targets[random.nextInt(targets.length)] + " HTTP/1.1\r\nHost: x\r\n\r\n"),
        true);
  }

  private static final String[] BAD_JSON = {
    "{",
    "}",
    "{\"mobile\":",
    "[1,2",
    "{\"mobile\":\"1\",\"age\":\"x\"}",
    "{\"age\":1}",
    "null",
    "\"str\"",
    "{\"mobile\":1,\"age\":1}",
    "{\"mobile\":\"1\",\"age\":1.5}",
    "{{{{",
    "\u0000",
  };

  private static Case badJson(Random random) {
    String body =
        random.nextInt(4) == 0
            ? "{\"mobile\":\""
                + "x".repeat(random.nextInt(100))
                + "\",\"age\":"
                + "9".repeat(30)
                + "}"
            : BAD_JSON[random.nextInt(BAD_JSON.length)];
    byte[] bytes = ascii(body);
    return new Case(
        "bad-json",
        join(
            ascii(
                "POST /signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length
                    + "\r\n\r\n"),
            bytes),
        true);
  }

  private static Case badGzip(Random random) throws IOException {
    byte[] body;
    if (random.nextBoolean()) {
      body = new byte[random.nextInt(300)];
      random.nextBytes(body);
    } else {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
        gzip.write(ascii("payload ".repeat(20)));
      }
      body = bytes.toByteArray();
      body =
          java.util.Arrays.copyOf(
              body, Math.max(1, body.length - 1 - random.nextInt(body.length - 1)));
    }
    return new Case(
        "bad-gzip",
        join(
            ascii(
                "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n"),
            body),
        true);
  }

  private static Case overTheLimit(Random random) {
    int size = MAX_BYTES + 1 + random.nextInt(MAX_BYTES);
    if (random.nextBoolean()) {
      return new Case(
          "over-limit",
          ascii(
              "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: "
                  + size
                  + "\r\n\r\n"
                  + "b".repeat(size)),
          true);
    }
    StringBuilder chunked =
        new StringBuilder("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int sent = 0; sent <= MAX_BYTES; sent += 1000) {
      chunked.append("3e8\r\n").append("c".repeat(1000)).append("\r\n");
    }
    chunked.append("0\r\n\r\n");
    return new Case("over-limit-chunked", ascii(chunked.toString()), true);
  }

  private static Case badChunking(Random random) {
    String[] bodies = {
      "zz\r\nabc\r\n0\r\n\r\n",
      "-1\r\nabc\r\n0\r\n\r\n",
      "3\r\nabcdef\r\n0\r\n\r\n",
      "fffffffffffffffff\r\na\r\n0\r\n\r\n",
      "3;\u0001=x\r\nabc\r\n0\r\n\r\n"
    };
    return new Case(
        "bad-chunking",
        ascii(
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + bodies[random.nextInt(bodies.length)]),
        true);
  }

  private static Case badContentLength(Random random) {
    String[] lengths = {"abc", "-1", "1.5", "99999999999999999999999", "1, 2", " ", "0x10"};
    return new Case(
        "bad-content-length",
        ascii(
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + lengths[random.nextInt(lengths.length)]
                + "\r\n\r\nabc"),
        true);
  }

  private static Case badToken(Random random) {
    String[] tokens = {
      "",
      "Bearer",
      "Bearer x",
      "Bearer a.b.c",
      "Basic dXNlcjpwYXNz",
      "Bearer eyJhbGciOiJub25lIn0.eyJ1c2VySWQiOjF9.",
      "Bearer "
          + com.auth0
              .jwt
              .JWT
              .create()
              .withClaim("userId", random.nextInt())
              .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256("another-secret")),
    };
    String token = tokens[random.nextInt(tokens.length)];
    return new Case(
        "bad-token",
        ascii(
            "GET /me HTTP/1.1\r\nHost: x\r\n"
                + (token.isEmpty() ? "" : "Authorization: " + token + "\r\n")
                + "\r\n"),
        true);
  }

  private static Case badPathValue(Random random) {
    String[] ids = {"abc", "1.5", "99999999999999999999", "%20", "-", "0x1"};
    return new Case(
        "bad-path-value",
        ascii("GET /users/" + ids[random.nextInt(ids.length)] + " HTTP/1.1\r\nHost: x\r\n\r\n"),
        true);
  }

  private static final String VALID =
      "POST /signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 24\r\n\r\n"
          + "{\"mobile\":\"1\",\"age\":30}";

  private static Case mutated(Random random) {
    byte[] bytes = ascii(VALID);
    int edits = 1 + random.nextInt(4);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes);
    byte[] current = out.toByteArray();
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(current.length);
      switch (random.nextInt(3)) {
        case 0 -> current[at] = (byte) random.nextInt(256);
        case 1 ->
            current =
                join(
                    java.util.Arrays.copyOf(current, at),
                    java.util.Arrays.copyOfRange(current, at + 1, current.length));
        default ->
            current =
                join(
                    join(
                        java.util.Arrays.copyOf(current, at),
                        new byte[] {(byte) random.nextInt(256)}),
                    java.util.Arrays.copyOfRange(current, at, current.length));
      }
    }
    // A mutation may leave a valid request: only "no 5xx" is demanded.
    return new Case("mutated", current, false);
  }

  private static Case slowSender(Random random) {
    String[] partial = {
      "GET /a HTTP/1.1\r\nHo",
      "GET /a HTTP/1.1\r\nHost: x\r\n",
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part",
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
      "G",
    };
    return new Case("slow-sender", ascii(partial[random.nextInt(partial.length)]), true);
  }

  private static byte[] join(byte[] a, byte[] b) {
    byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
