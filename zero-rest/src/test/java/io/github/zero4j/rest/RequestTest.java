package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTest {

  @Test
  void uri_splitsAndDecodesPathAndQuery() {
    Request request = Request.builder().uri("/a%20b/c+d?x=1+2&y=%E2%82%AC&x=3&flag").build();
    assertThat(request.path()).isEqualTo("/a b/c+d");
    assertThat(request.rawQuery()).isEqualTo("x=1+2&y=%E2%82%AC&x=3&flag");
    assertThat(request.query("x")).contains("1 2");
    assertThat(request.query("y")).contains("€");
    assertThat(request.query("flag")).contains("");
    assertThat(request.query("none")).isEmpty();
    assertThat(request.queryParams())
        .containsExactly(
            Map.entry("x", List.of("1 2", "3")),
            Map.entry("y", List.of("€")),
            Map.entry("flag", List.of("")));
  }

  @Test
  void uri_acceptsAbsoluteFormAndDropsAFragment() {
    Request request = Request.builder().uri("http://example.com:8080/p/q?a=1#frag").build();
    assertThat(request.path()).isEqualTo("/p/q");
    assertThat(request.query("a")).contains("1");
    assertThat(Request.builder().uri("https://example.com").build().path()).isEqualTo("/");
    assertThat(Request.builder().uri("*").build().path()).isEqualTo("*");
  }

  @Test
  void uri_rejectsBrokenPercentEncoding() {
    assertThatThrownBy(() -> Request.builder().uri("/a%zz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uri: /a%zz (expected: valid percent-encoding at index 2)");
    assertThatThrownBy(() -> Request.builder().uri("/a?b=%4"))
        .hasMessage("uri: b=%4 (expected: valid percent-encoding at index 2)");
  }

  @Test
  void uri_rejectsSpacesAndControlCharacters() {
    assertThatThrownBy(() -> Request.builder().uri("/a\u0001b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "uri: /a\u0001b (expected: no space or control character, found one at index 2)");
    assertThatThrownBy(() -> Request.builder().uri("/a b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void uri_rejectsMoreQueryValuesThanGoZero() {
    String query = "a=1" + "&a=1".repeat(2048);
    assertThatThrownBy(() -> Request.builder().uri("/?" + query))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("(expected: at most 2048 query values)");
    assertThat(
            Request.builder()
                .uri("/?" + "a=1" + "&a=1".repeat(2047))
                .build()
                .queryParams()
                .get("a"))
        .hasSize(2048);
  }

  @Test
  void formParams_putBodyFieldsBeforeQueryValues() {
    Request request =
        Request.builder()
            .uri("/f?a=q&b=2")
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .body("a=body&c=3")
            .build();
    assertThat(request.formParams())
        .containsExactly(
            Map.entry("a", List.of("body", "q")),
            Map.entry("c", List.of("3")),
            Map.entry("b", List.of("2")));
  }

  @Test
  void formParams_overGoZerosCapAreA400() {
    Request request =
        Request.builder()
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("a=1" + "&a=1".repeat(2048))
            .build();
    assertThatThrownBy(request::formParams)
        .isInstanceOf(RestException.class)
        .hasMessage("too many form values (expected: at most 2048)")
        .satisfies(e -> assertThat(((RestException) e).status()).isEqualTo(400));
  }

  @Test
  void pathParam_namesTheKnownParametersWhenMissing() {
    Request request = Request.builder().pathParams(Map.of("id", "7")).build();
    assertThat(request.pathParam("id")).isEqualTo("7");
    assertThatThrownBy(() -> request.pathParam("name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path parameter: name (expected: one of [id])");
  }

  @Test
  void clientAddress_prefersXForwardedForAsGoZero() {
    Request direct = Request.builder().remoteAddress("10.0.0.1:5000").build();
    assertThat(direct.clientAddress()).isEqualTo("10.0.0.1:5000");
    Request proxied = direct.toBuilder().header("X-Forwarded-For", "1.2.3.4, 10.0.0.9").build();
    assertThat(proxied.clientAddress()).isEqualTo("1.2.3.4, 10.0.0.9");
  }

  @Test
  void toBuilder_keepsEverythingAndBodyIsCopiedIn() {
    byte[] body = {1, 2, 3};
    Request request =
        Request.builder()
            .method("PATCH")
            .uri("/x?y=1")
            .header("A", "b")
            .body(body)
            .route("/x")
            .attribute("k", "v")
            .remoteAddress("1.1.1.1:1")
            .build();
    body[0] = 9;
    Request copy = request.toBuilder().build();
    assertThat(copy.method()).isEqualTo("PATCH");
    assertThat(copy.uri()).isEqualTo("/x?y=1");
    assertThat(copy.header("a")).contains("b");
    assertThat(copy.body()).containsExactly(1, 2, 3);
    assertThat(copy.route()).isEqualTo("/x");
    assertThat(copy.attribute("k")).contains("v");
    assertThat(copy.remoteAddress()).isEqualTo("1.1.1.1:1");
    copy.body()[1] = 9;
    assertThat(copy.body()).containsExactly(1, 2, 3);
  }

  @Test
  void method_mustBeAToken() {
    assertThatThrownBy(() -> Request.builder().method("GE T"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("method: \"GE T\" (expected: an HTTP token)");
  }
}
