package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.rest.httpx.BindException;
import io.github.zero4j.rest.router.DuplicateRouteException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RestServerTest {

  @Test
  void routesWithPathParamsAndCleanedPaths() {
    try (TestServer server =
        TestServer.start(
            b ->
                b.route(
                        HttpMethod.GET,
                        "/users/:id",
                        r -> Response.text("user " + r.pathParam("id")))
                    .route(HttpMethod.GET, "/users/me", r -> Response.text("me"))
                    .route(
                        HttpMethod.GET, "/files/*path", r -> Response.text(r.pathParam("path"))))) {
      assertThat(server.get("/users/42").body()).isEqualTo("user 42");
      assertThat(server.get("/users/me").body()).isEqualTo("me");
      assertThat(server.get("/users/42/").body()).isEqualTo("user 42");
      assertThat(server.get("//users/./x/../7").body()).isEqualTo("user 7");
      assertThat(server.get("/users/a%20b").body()).isEqualTo("user a b");
      assertThat(server.get("/files/css/site.css").body()).isEqualTo("css/site.css");
    }
  }

  @Test
  void noRoute_is404WithGoZerosBody() {
    try (TestServer server =
        TestServer.start(b -> b.route(HttpMethod.GET, "/a", r -> Response.ok()))) {
      HttpResponse<String> response = server.get("/b");
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).isEqualTo("404 page not found");
      assertThat(response.headers().firstValue("Content-Type")).contains(Response.TEXT_PLAIN);
    }
  }

  @Test
  void wrongMethod_is405WithAllow() {
    try (TestServer server =
        TestServer.start(
            b ->
                b.route(HttpMethod.PUT, "/items/:id", r -> Response.ok())
                    .route(HttpMethod.GET, "/items/:id", r -> Response.ok()))) {
      HttpResponse<String> response = server.send(server.request("/items/1").DELETE().build());
      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).contains("GET, PUT");
      assertThat(response.body()).isEmpty();
    }
  }

  @Test
  void head_sendsHeadersWithoutBody() throws Exception {
    try (TestServer server =
            TestServer.start(b -> b.route(HttpMethod.HEAD, "/h", r -> Response.text("12345")));
        RawHttp raw = new RawHttp(server.port())) {
      raw.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\nHEAD /h HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Reply first = raw.read();
      assertThat(first.status).isEqualTo(200);
      assertThat(first.header("Content-Length")).isEqualTo("5");
      // Had a body been sent, the second reply would not parse as a status line.
      assertThat(raw.read().status).isEqualTo(200);
    }
  }

  @Test
  void noContent_hasNeitherBodyNorLength() throws Exception {
    try (TestServer server =
            TestServer.start(
                b ->
                    b.route(HttpMethod.DELETE, "/x", r -> Response.text(204, "ignored"))
                        .route(HttpMethod.GET, "/x", r -> Response.text("after")));
        RawHttp raw = new RawHttp(server.port())) {
      raw.send("DELETE /x HTTP/1.1\r\nHost: x\r\n\r\nGET /x HTTP/1.1\r\nHost: x\r\n\r\n");
      RawHttp.Reply deleted = raw.read();
      assertThat(deleted.status).isEqualTo(204);
      assertThat(deleted.header("Content-Length")).isNull();
      assertThat(raw.read().body).isEqualTo("after");
    }
  }

  @Test
  void errorHandler_seesWhatWasNotFoundOrNotAllowed() {
    try (TestServer server =
        TestServer.start(
            b ->
                b.errorHandler(
                        (request, error) -> Response.text(418, String.valueOf(error.getMessage())))
                    .route(HttpMethod.GET, "/a", r -> Response.ok()))) {
      assertThat(server.get("/b").body()).isEqualTo("no route for GET /b");
      HttpResponse<String> notAllowed = server.send(server.request("/a").DELETE().build());
      assertThat(notAllowed.statusCode()).isEqualTo(418);
      assertThat(notAllowed.body()).isEqualTo("DELETE not allowed on /a");
      assertThat(notAllowed.headers().firstValue("Allow")).contains("GET");
    }
  }

  @Test
  void useMiddlewares_runInOrderInsideBuiltInsAndAroundGroupOnes() {
    List<String> trace = new CopyOnWriteArrayList<>();
    Middleware first =
        chain -> {
          trace.add("use1");
          return chain.proceed(chain.request());
        };
    Middleware second =
        chain -> {
          trace.add("use2");
          return chain.proceed(chain.request().toBuilder().attribute("who", "second").build());
        };
    RouteGroup group =
        RouteGroup.builder()
            .prefix("/api")
            .middleware(
                chain -> {
                  trace.add("group");
                  return chain.proceed(chain.request());
                })
            .route(
                HttpMethod.GET,
                "/x",
                r -> {
                  trace.add("handler");
                  return Response.text(String.valueOf(r.attribute("who").orElse("")));
                })
            .build();
    try (TestServer server = TestServer.start(b -> b.use(first).use(second).group(group))) {
      assertThat(server.get("/api/x").body()).isEqualTo("second");
      assertThat(trace).containsExactly("use1", "use2", "group", "handler");
    }
  }

  @Test
  void middlewareCallingProceedTwice_isA500NamingIt() throws Exception {
    Middleware retry =
        new Middleware() {
          @Override
          public Response handle(Chain chain) throws Exception {
            chain.proceed(chain.request());
            return chain.proceed(chain.request());
          }

          @Override
          public String toString() {
            return "NaiveRetry";
          }
        };
    try (LogCapture log =
            LogCapture.of("io.github.zero4j.rest.RestServer", ch.qos.logback.classic.Level.ERROR);
        TestServer server =
            TestServer.start(b -> b.use(retry).route(HttpMethod.GET, "/x", r -> Response.ok()))) {
      assertThat(server.get("/x").statusCode()).isEqualTo(500);
      assertThat(log.await(e -> e.getThrowableProxy() != null).getThrowableProxy().getMessage())
          .isEqualTo(
              "use() middleware #1 (NaiveRetry) must call proceed() exactly once, or not at all to"
                  + " answer by itself; it called it 2 times");
    }
  }

  @Test
  void blockingHandlers_runOnHandlerThreads_nonBlockingOnEventLoops() {
    AtomicReference<String> blocking = new AtomicReference<>("");
    AtomicReference<String> nonBlocking = new AtomicReference<>("");
    RouteGroup fast =
        RouteGroup.builder()
            .nonBlocking(true)
            .route(
                HttpMethod.GET,
                "/fast",
                r -> {
                  nonBlocking.set(Thread.currentThread().getName());
                  return Response.ok();
                })
            .build();
    try (TestServer server =
        TestServer.start(
            b ->
                b.group(fast)
                    .route(
                        HttpMethod.GET,
                        "/slow",
                        r -> {
                          blocking.set(Thread.currentThread().getName());
                          return Response.ok();
                        }))) {
      assertThat(server.get("/slow").statusCode()).isEqualTo(200);
      assertThat(server.get("/fast").statusCode()).isEqualTo(200);
      assertThat(nonBlocking.get()).startsWith("zero4j-rest-io-");
      assertThat(blocking.get()).startsWith("zero4j-rest-handler-");
    }
  }

  @Test
  void deadline_isVisibleToTheHandler() {
    AtomicReference<Duration> remaining = new AtomicReference<>(Duration.ZERO);
    RouteGroup group =
        RouteGroup.builder()
            .timeout(Duration.ofSeconds(30))
            .route(
                HttpMethod.GET,
                "/d",
                r -> {
                  remaining.set(r.deadline().orElseThrow().remaining());
                  return Response.ok();
                })
            .route(
                HttpMethod.GET,
                "/none",
                r -> Response.text(String.valueOf(r.deadline().isPresent())))
            .build();
    RouteGroup untimed =
        RouteGroup.builder()
            .timeout(Duration.ZERO)
            .route(
                HttpMethod.GET,
                "/untimed",
                r -> Response.text(String.valueOf(r.deadline().isPresent())))
            .build();
    try (TestServer server = TestServer.start(b -> b.group(group).group(untimed))) {
      assertThat(server.get("/d").statusCode()).isEqualTo(200);
      assertThat(remaining.get()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
      assertThat(server.get("/untimed").body()).isEqualTo("false");
    }
  }

  @Test
  void errorAndOkHandlers_wrapEveryResponseInAnEnvelope() {
    try (TestServer server =
        TestServer.start(
            b ->
                b.okHandler((request, value) -> Map.of("code", 0, "msg", "ok", "data", value))
                    .errorHandler(
                        (request, error) -> {
                          int status = error instanceof RestException rest ? rest.status() : 400;
                          return Response.json(
                              status,
                              Map.of("code", status, "msg", String.valueOf(error.getMessage())));
                        })
                    .route(HttpMethod.GET, "/ok", r -> Response.json(List.of(1, 2)))
                    .route(HttpMethod.GET, "/bind", r -> Response.json(r.bind(Page.class)))
                    .route(
                        HttpMethod.GET,
                        "/fail",
                        r -> {
                          throw new RestException(409, "already exists");
                        })
                    .route(
                        HttpMethod.GET,
                        "/explicit",
                        r -> Response.error(new IllegalArgumentException("nope"))))) {
      HttpResponse<String> ok = server.get("/ok");
      assertThat(ok.body()).contains("\"code\":0").contains("\"data\":[1,2]");
      assertThat(ok.headers().firstValue("Content-Type"))
          .contains("application/json; charset=utf-8");
      HttpResponse<String> bind = server.get("/bind?n=x");
      assertThat(bind.statusCode()).isEqualTo(400);
      assertThat(bind.body()).contains("\"msg\":\"query n: x (expected: an integer)\"");
      HttpResponse<String> fail = server.get("/fail");
      assertThat(fail.statusCode()).isEqualTo(409);
      assertThat(fail.body()).contains("already exists");
      assertThat(server.get("/explicit").body()).contains("\"code\":400").contains("nope");
      HttpResponse<String> notFound = server.get("/missing");
      assertThat(notFound.statusCode()).isEqualTo(404);
      assertThat(notFound.body()).contains("\"code\":404");
    }
  }

  record Page(@io.github.zero4j.rest.httpx.Query int n) {}

  @Test
  void defaultErrorHandler_answersGoZerosPlainText() {
    try (TestServer server =
        TestServer.start(
            b ->
                b.route(HttpMethod.GET, "/bind", r -> Response.json(r.bind(Page.class)))
                    .route(
                        HttpMethod.GET,
                        "/explicit",
                        r -> Response.error(new IllegalStateException("bad state"))))) {
      HttpResponse<String> bind = server.get("/bind");
      assertThat(bind.statusCode()).isEqualTo(400);
      assertThat(bind.body()).isEqualTo("missing required query field n");
      HttpResponse<String> explicit = server.get("/explicit");
      assertThat(explicit.statusCode()).isEqualTo(400);
      assertThat(explicit.body()).isEqualTo("bad state");
    }
  }

  @Test
  void bindingFailures_nameSourceAndField_overHttp() {
    record Profile(
        @io.github.zero4j.rest.httpx.Path("userId") long userId,
        @io.github.zero4j.rest.httpx.Header("X-Version") int version,
        @io.github.zero4j.rest.httpx.Form("tag") String tag,
        String mobile) {}
    try (TestServer server =
        TestServer.start(
            b ->
                b.route(
                    HttpMethod.POST,
                    "/users/:userId",
                    r -> Response.json(r.bind(Profile.class))))) {
      HttpRequest.Builder base =
          server
              .request("/users/7?tag=t")
              .header("X-Version", "2")
              .header("Content-Type", "application/json");
      assertThat(
              server
                  .send(
                      server
                          .request("/users/abc")
                          .POST(HttpRequest.BodyPublishers.noBody())
                          .build())
                  .body())
          .isEqualTo("path userId: abc (expected: an integer)");
      assertThat(
              server
                  .send(
                      server
                          .request("/users/7?tag=t")
                          .header("X-Version", "v2")
                          .POST(HttpRequest.BodyPublishers.noBody())
                          .build())
                  .body())
          .isEqualTo("header X-Version: v2 (expected: an integer)");
      assertThat(
              server
                  .send(
                      server
                          .request("/users/7")
                          .header("X-Version", "2")
                          .POST(HttpRequest.BodyPublishers.noBody())
                          .build())
                  .body())
          .isEqualTo("missing required form field tag");
      assertThat(server.send(base.POST(HttpRequest.BodyPublishers.ofString("{}")).build()).body())
          .isEqualTo("missing required json field mobile");
      assertThat(
              server
                  .send(base.POST(HttpRequest.BodyPublishers.ofString("{\"mobile\":")).build())
                  .body())
          .startsWith("bad json body: ");
      HttpResponse<String> ok =
          server.send(
              base.POST(HttpRequest.BodyPublishers.ofString("{\"mobile\":\"139\"}")).build());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body())
          .isEqualTo("{\"userId\":7,\"version\":2,\"tag\":\"t\",\"mobile\":\"139\"}");
    }
  }

  @Test
  void bindException_isA400EvenWithRecoverOff() {
    try (TestServer server =
        TestServer.start(
            b ->
                b.disable(BuiltIn.RECOVER)
                    .route(HttpMethod.GET, "/bind", r -> Response.json(r.bind(Page.class))))) {
      HttpResponse<String> response = server.get("/bind?n=1.5");
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).isEqualTo("query n: 1.5 (expected: an integer)");
    }
  }

  @Test
  void duplicateRoute_failsAtBuildNamingIt() {
    RestServer.Builder builder =
        RestServer.builder()
            .port(0)
            .route(HttpMethod.GET, "/users/:id", r -> Response.ok())
            .group(
                RouteGroup.builder()
                    .prefix("/users")
                    .route(HttpMethod.GET, "/:name/", r -> Response.ok())
                    .build());
    assertThatThrownBy(builder::build)
        .isInstanceOf(DuplicateRouteException.class)
        .hasMessage("duplicated route: GET /users/:name (same shape as GET /users/:id)");
  }

  @Test
  void builder_validatesAtOnce() {
    RestServer.Builder builder = RestServer.builder();
    assertThatThrownBy(() -> builder.port(70000)).hasMessage("port: 70000 (expected: 0-65535)");
    assertThatThrownBy(() -> builder.maxConns(-1))
        .hasMessage("maxConns: -1 (expected: >= 0, 0 for none)");
    assertThatThrownBy(() -> builder.maxBytes(-1))
        .hasMessage("maxBytes: -1 (expected: >= 0, 0 for none)");
    assertThatThrownBy(() -> builder.timeout(Duration.ofSeconds(-1)))
        .hasMessage("timeout: PT-1S (expected: >= 0)");
    assertThatThrownBy(builder::build).hasMessage("port: not set (expected: 0-65535, 0 for any)");
    assertThatThrownBy(() -> RouteGroup.builder().prefix("api"))
        .hasMessage("prefix: \"api\" (expected: starting with /)");
    assertThatThrownBy(() -> RouteGroup.builder().maxBytes(0))
        .hasMessage("maxBytes: 0 (expected: > 0)");
    assertThatThrownBy(() -> RouteGroup.builder().route(HttpMethod.GET, "x", r -> Response.ok()))
        .hasMessage("path: \"x\" (expected: starting with /)");
  }

  @Test
  void lifecycle_startOnceReportPortAndReadiness() {
    RestServer server =
        RestServer.builder()
            .host("127.0.0.1")
            .port(0)
            .route(HttpMethod.GET, "/", r -> Response.ok())
            .build();
    assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    assertThat(server.isReady()).isFalse();
    server.start();
    try {
      assertThat(server.port()).isPositive();
      assertThat(server.isReady()).isTrue();
      assertThat(server.routes()).extracting(Route::toString).containsExactly("GET /");
      assertThatThrownBy(server::start).hasMessage("server: started (expected: new)");
    } finally {
      server.close();
    }
    assertThat(server.isReady()).isFalse();
    server.close();
    assertThatThrownBy(server::start).hasMessage("server: closed (expected: new)");
  }

  @Test
  void handlerException_isUnchangedForBindException() {
    // A BindException thrown by user code keeps its 400 and message.
    try (TestServer server =
        TestServer.start(
            b ->
                b.route(
                    HttpMethod.GET,
                    "/v",
                    r -> {
                      throw new BindException(
                          "query", "when", "query when: soon (expected: a date)");
                    }))) {
      HttpResponse<String> response = server.get("/v");
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).isEqualTo("query when: soon (expected: a date)");
    }
  }
}
