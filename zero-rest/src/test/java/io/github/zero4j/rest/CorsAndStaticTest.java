package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorsAndStaticTest {

  // ---- CORS ------------------------------------------------------------------------------------

  @Test
  void preflight_is204WithGoZeroHeaders_andNeverReachesTheRoute() {
    AtomicInteger calls = new AtomicInteger();
    try (TestServer server =
        TestServer.start(
            b ->
                b.cors(Cors.origins("example.com").headers("X-Custom"))
                    .route(
                        HttpMethod.POST,
                        "/a",
                        r -> {
                          calls.incrementAndGet();
                          return Response.text("ok");
                        }))) {
      HttpResponse<String> response =
          server.send(
              server
                  .request("/a")
                  .header("Origin", "https://app.example.com")
                  .header("Access-Control-Request-Method", "POST")
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                  .build());

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(calls).hasValue(0);
      var headers = response.headers();
      assertThat(headers.firstValue("Access-Control-Allow-Origin"))
          .hasValue("https://app.example.com");
      assertThat(headers.firstValue("Access-Control-Allow-Credentials")).hasValue("true");
      assertThat(headers.firstValue("Access-Control-Allow-Methods")).hasValue(Cors.ALLOW_METHODS);
      assertThat(headers.firstValue("Access-Control-Allow-Headers"))
          .hasValue(Cors.ALLOW_HEADERS + ", X-Custom");
      assertThat(headers.firstValue("Access-Control-Expose-Headers")).hasValue(Cors.EXPOSE_HEADERS);
      assertThat(headers.firstValue("Access-Control-Max-Age")).hasValue("86400");
      assertThat(headers.allValues("Vary"))
          .contains("Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");
    }
  }

  @Test
  void disallowedOrigin_getsNoCorsHeaders_butTheAnswer() {
    try (TestServer server =
        TestServer.start(
            b ->
                b.cors(Cors.origins("example.com"))
                    .route(HttpMethod.GET, "/a", r -> Response.text("ok")))) {
      HttpResponse<String> response =
          server.send(server.request("/a").header("Origin", "https://evil.com").GET().build());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("ok");
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      assertThat(response.headers().allValues("Vary")).containsExactly("Origin");
    }
  }

  @Test
  void anyOrigin_isStar_withoutCredentials_andWrongMethodIs404() {
    try (TestServer server =
        TestServer.start(
            b -> b.cors(Cors.anyOrigin()).route(HttpMethod.GET, "/a", r -> Response.text("ok")))) {
      HttpResponse<String> response =
          server.send(server.request("/a").header("Origin", "https://x.org").GET().build());
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
      assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

      HttpResponse<String> post =
          server.send(server.request("/a").POST(HttpRequest.BodyPublishers.noBody()).build());
      assertThat(post.statusCode()).isEqualTo(404);
    }
  }

  // ---- static files ----------------------------------------------------------------------------

  @Test
  void directory_servesFilesWithTypes_indexForSlash_andFallsThroughOtherwise(@TempDir Path tmp)
      throws Exception {
    Path root = Files.createDirectories(tmp.resolve("www"));
    Files.writeString(root.resolve("index.html"), "<h1>home</h1>");
    Files.writeString(root.resolve("app.js"), "let x = 1;");
    Files.createDirectories(root.resolve("css"));
    Files.writeString(root.resolve("css/site.css"), "body{}");
    Files.writeString(tmp.resolve("secret.txt"), "secret");
    try (TestServer server =
            TestServer.start(
                b ->
                    b.staticFiles(StaticFiles.directory("/static", root))
                        .route(HttpMethod.GET, "/static/api", r -> Response.text("route"))
                        .route(HttpMethod.GET, "/a", r -> Response.text("a")));
        RawHttp raw = new RawHttp(server.port())) {
      HttpResponse<String> js = server.get("/static/app.js");
      assertThat(js.statusCode()).isEqualTo(200);
      assertThat(js.body()).isEqualTo("let x = 1;");
      assertThat(js.headers().firstValue("Content-Type"))
          .hasValue("text/javascript; charset=utf-8");
      assertThat(server.get("/static/css/site.css").headers().firstValue("Content-Type"))
          .hasValue("text/css; charset=utf-8");
      assertThat(server.get("/static/").body()).isEqualTo("<h1>home</h1>");
      assertThat(server.get("/static/missing.png").statusCode()).isEqualTo(404);
      assertThat(server.get("/static/api").body()).isEqualTo("route");
      assertThat(server.get("/a").body()).isEqualTo("a");

      for (String escape :
          new String[] {
            "/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/css/../../secret.txt"
          }) {
        raw.send("GET " + escape + " HTTP/1.1\r\nHost: x\r\n\r\n");
        RawHttp.Reply reply = raw.read();
        assertThat(reply.status).as(escape).isEqualTo(404);
        assertThat(reply.body).doesNotContain("secret");
      }
    }
  }

  @Test
  void classpath_servesResources() {
    try (TestServer server =
        TestServer.start(
            b ->
                b.staticFiles(
                    StaticFiles.classpath(
                        "/assets",
                        "io/github/zero4j/rest/web",
                        CorsAndStaticTest.class.getClassLoader())))) {
      HttpResponse<String> hello = server.get("/assets/hello.txt");
      assertThat(hello.statusCode()).isEqualTo(200);
      assertThat(hello.body()).isEqualTo("hello from the classpath");
      assertThat(hello.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
      assertThat(server.get("/assets/../web/hello.txt").statusCode()).isEqualTo(404);
      assertThat(server.get("/assets/nothing.txt").statusCode()).isEqualTo(404);
    }
  }
}
