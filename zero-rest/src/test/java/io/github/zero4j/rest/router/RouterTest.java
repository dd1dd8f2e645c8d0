package io.github.zero4j.rest.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouterTest {

  private static Router<String> router(String... methodAndPatterns) {
    Router.Builder<String> builder = Router.builder();
    for (String route : methodAndPatterns) {
      String[] parts = route.split(" ", 2);
      builder.add(parts[0], parts[1], route);
    }
    return builder.build();
  }

  @Test
  void match_literalRoute() {
    RouteMatch<String> match = router("GET /a/b", "GET /a/c").match("GET", "/a/c");
    assertThat(match.kind()).isEqualTo(RouteMatch.Kind.FOUND);
    assertThat(match.value()).isEqualTo("GET /a/c");
    assertThat(match.pattern()).isEqualTo("/a/c");
    assertThat(match.params()).isEmpty();
  }

  @Test
  void match_root() {
    Router<String> router = router("GET /", "GET /a");
    assertThat(router.match("GET", "/").value()).isEqualTo("GET /");
    assertThat(router.match("GET", "//").value()).isEqualTo("GET /");
    assertThat(router.match("GET", "/a/..").value()).isEqualTo("GET /");
  }

  @Test
  void match_paramCapturesOneSegment() {
    Router<String> router = router("GET /users/:id", "GET /users/:id/orders/:order");
    RouteMatch<String> match = router.match("GET", "/users/42/orders/7");
    assertThat(match.value()).isEqualTo("GET /users/:id/orders/:order");
    assertThat(match.params()).containsExactly(Map.entry("id", "42"), Map.entry("order", "7"));
    assertThat(router.match("GET", "/users/42").params()).containsExactly(Map.entry("id", "42"));
    assertThat(router.match("GET", "/users").kind()).isEqualTo(RouteMatch.Kind.NOT_FOUND);
    assertThat(router.match("GET", "/users/42/orders").kind()).isEqualTo(RouteMatch.Kind.NOT_FOUND);
  }

  @Test
  void match_literalWinsOverParam() {
    Router<String> router = router("GET /users/:id", "GET /users/me");
    assertThat(router.match("GET", "/users/me").value()).isEqualTo("GET /users/me");
    assertThat(router.match("GET", "/users/you").value()).isEqualTo("GET /users/:id");
  }

  @Test
  void match_backtracksFromLiteralIntoParam() {
    // /a/b/c: the literal "b" branch has only /a/b/d, so the search must back up into :x.
    Router<String> router = router("GET /a/b/d", "GET /a/:x/c");
    RouteMatch<String> match = router.match("GET", "/a/b/c");
    assertThat(match.value()).isEqualTo("GET /a/:x/c");
    assertThat(match.params()).containsExactly(Map.entry("x", "b"));
    assertThat(router.match("GET", "/a/b/d").value()).isEqualTo("GET /a/b/d");
  }

  @Test
  void match_backtracksFromParamIntoCatchAll() {
    Router<String> router = router("GET /files/:name/meta", "GET /files/*path");
    assertThat(router.match("GET", "/files/x/meta").value()).isEqualTo("GET /files/:name/meta");
    RouteMatch<String> match = router.match("GET", "/files/x/y/z");
    assertThat(match.value()).isEqualTo("GET /files/*path");
    assertThat(match.params()).containsExactly(Map.entry("path", "x/y/z"));
  }

  @Test
  void match_paramNamesDifferPerRouteAtTheSamePosition() {
    Router<String> router = router("GET /a/:id/x", "GET /a/:name/y");
    assertThat(router.match("GET", "/a/1/x").params()).containsExactly(Map.entry("id", "1"));
    assertThat(router.match("GET", "/a/2/y").params()).containsExactly(Map.entry("name", "2"));
  }

  @Test
  void match_catchAllTakesTheRestOrNothing() {
    Router<String> router = router("GET /static/*rest");
    assertThat(router.match("GET", "/static/css/site.css").params())
        .containsExactly(Map.entry("rest", "css/site.css"));
    assertThat(router.match("GET", "/static/").params()).containsExactly(Map.entry("rest", ""));
    assertThat(router.match("GET", "/static").params()).containsExactly(Map.entry("rest", ""));
    assertThat(router.match("GET", "/other").kind()).isEqualTo(RouteMatch.Kind.NOT_FOUND);
  }

  @Test
  void match_literalBeforeCatchAll() {
    Router<String> router = router("GET /*any", "GET /health");
    assertThat(router.match("GET", "/health").value()).isEqualTo("GET /health");
    assertThat(router.match("GET", "/health/x").value()).isEqualTo("GET /*any");
    assertThat(router.match("GET", "/").params()).containsExactly(Map.entry("any", ""));
  }

  @ParameterizedTest
  @CsvSource({
    "/a/b/, /a/b",
    "//a//b, /a/b",
    "/a/./b, /a/b",
    "/a/x/../b, /a/b",
    "/../a/b, /a/b",
    "/a/b/., /a/b",
    "/a/b/c/../.., /a",
  })
  void match_cleansThePathFirst(String path, String cleaned) {
    Router<String> router = router("GET /a/b", "GET /a");
    assertThat(router.match("GET", path).pattern()).isEqualTo(cleaned);
  }

  @ParameterizedTest
  @CsvSource({
    "/, /",
    "//, /",
    "/abc, /abc",
    "/abc/, /abc",
    "/a/b/c, /a/b/c",
    "/a//b, /a/b",
    "/./, /",
    "/a/./b, /a/b",
    "/../.., /",
    "/a/../.., /",
    "/a/b/../c, /a/c",
    "/abc/def/../../.., /",
    "/a/.../b, /a/.../b",
    "/a/..b, /a/..b",
  })
  void cleanPath_followsGoPathClean(String path, String cleaned) {
    assertThat(Router.cleanPath(path)).isEqualTo(cleaned);
  }

  @Test
  void match_patternsAreCleanedWhenAdded() {
    Router<String> router = router("GET /a//b/", "POST /c/./d/../e");
    assertThat(router.match("GET", "/a/b").pattern()).isEqualTo("/a/b");
    assertThat(router.match("POST", "/c/e").pattern()).isEqualTo("/c/e");
  }

  @Test
  void match_otherMethodGivesMethodNotAllowedWithAllowInOrder() {
    Router<String> router =
        router("DELETE /items/:id", "GET /items/:id", "PUT /items/:id", "POST /items");
    RouteMatch<String> match = router.match("PATCH", "/items/3");
    assertThat(match.kind()).isEqualTo(RouteMatch.Kind.METHOD_NOT_ALLOWED);
    assertThat(match.allowedMethods()).containsExactly("GET", "PUT", "DELETE");
    assertThat(router.match("GET", "/items").allowedMethods()).containsExactly("POST");
  }

  @Test
  void match_unknownMethodIsNotAllowedWhereThePathExists() {
    Router<String> router = router("GET /a");
    assertThat(router.match("BREW", "/a").kind()).isEqualTo(RouteMatch.Kind.METHOD_NOT_ALLOWED);
    assertThat(router.match("BREW", "/b").kind()).isEqualTo(RouteMatch.Kind.NOT_FOUND);
  }

  @Test
  void match_unrootedPathIsNotFound() {
    Router<String> router = router("GET /a", "OPTIONS /*all");
    assertThat(router.match("OPTIONS", "*").kind()).isEqualTo(RouteMatch.Kind.NOT_FOUND);
    assertThat(router.match("GET", "").kind()).isEqualTo(RouteMatch.Kind.NOT_FOUND);
  }

  @Test
  void match_valueFailsUnlessFound() {
    RouteMatch<String> match = router("GET /a").match("GET", "/b");
    assertThatThrownBy(match::value)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NOT_FOUND");
  }

  @Test
  void add_duplicatePatternFailsNamingTheRoute() {
    assertThatThrownBy(() -> router("GET /a/b", "GET /a/b/"))
        .isInstanceOf(DuplicateRouteException.class)
        .hasMessage("duplicated route: GET /a/b");
  }

  @Test
  void add_sameShapeWithOtherParamNamesIsADuplicate() {
    assertThatThrownBy(() -> router("GET /users/:id", "GET /users/:name"))
        .isInstanceOf(DuplicateRouteException.class)
        .hasMessage("duplicated route: GET /users/:name (same shape as GET /users/:id)")
        .satisfies(
            e -> {
              DuplicateRouteException duplicate = (DuplicateRouteException) e;
              assertThat(duplicate.method()).isEqualTo("GET");
              assertThat(duplicate.pattern()).isEqualTo("/users/:name");
            });
    assertThatThrownBy(() -> router("GET /f/*a", "GET /f/*b"))
        .isInstanceOf(DuplicateRouteException.class);
  }

  @Test
  void add_samePatternUnderAnotherMethodIsFine() {
    Router<String> router = router("GET /a", "POST /a");
    assertThat(router.match("POST", "/a").value()).isEqualTo("POST /a");
  }

  @Test
  void add_rejectsBadPatterns() {
    assertThatThrownBy(() -> router("GET a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path: \"a/b\" (expected: starting with /)");
    assertThatThrownBy(() -> router("GET /a/:"))
        .hasMessage("pattern: /a/: (expected: a name after ':')");
    assertThatThrownBy(() -> router("GET /a/*"))
        .hasMessage("pattern: /a/* (expected: a name after '*')");
    assertThatThrownBy(() -> router("GET /a/*rest/b"))
        .hasMessage("pattern: /a/*rest/b (expected: *rest as the last segment)");
    assertThatThrownBy(() -> router("GET /a/:x/:x"))
        .hasMessage("pattern: /a/:x/:x (expected: distinct parameter names; x twice)");
  }

  @Test
  void map_keepsStructureAndReplacesValues() {
    Router<Integer> lengths = router("GET /a/:x", "POST /b/*y").map(String::length);
    assertThat(lengths.match("GET", "/a/1").value()).isEqualTo("GET /a/:x".length());
    assertThat(lengths.match("POST", "/b/1/2").params()).containsExactly(Map.entry("y", "1/2"));
    assertThat(lengths.match("GET", "/b/1").allowedMethods()).containsExactly("POST");
  }

  @Test
  void match_segmentWithColonInsideIsLiteral() {
    Router<String> router = router("GET /a/b:c");
    assertThat(router.match("GET", "/a/b:c").kind()).isEqualTo(RouteMatch.Kind.FOUND);
    assertThat(router.match("GET", "/a/bxc").kind()).isEqualTo(RouteMatch.Kind.NOT_FOUND);
  }

  @ParameterizedTest
  @CsvSource({
    "/, true",
    "/a, true",
    "/a/b, true",
    "/a/b.c/..d, true",
    "/a/, false",
    "//a, false",
    "/a//b, false",
    "/./a, false",
    "/a/., false",
    "/a/../b, false",
    "/a/.., false"
  })
  void isClean_agreesWithCleanPath(String path, boolean clean) {
    assertThat(Router.isClean(path)).isEqualTo(clean);
    assertThat(Router.cleanPath(path).equals(path)).isEqualTo(clean);
  }

  @Test
  void literalFastPath_answersAsTheTreeDoes() {
    Router<String> router =
        router(
            "GET /",
            "GET /a",
            "GET /a/b",
            "GET /a/:x",
            "GET /a/:x/c",
            "GET /a/b/*rest",
            "POST /a/b",
            "GET /files/*path",
            "GET /files/readme",
            "DELETE /users/:id");
    String[] paths = {
      "/",
      "/a",
      "/a/b",
      "/a/z",
      "/a/b/c",
      "/a/z/c",
      "/a/b/c/d",
      "/files",
      "/files/readme",
      "/files/x/y",
      "/users/7",
      "/nothing",
      "/a/b/x"
    };
    for (String method : new String[] {"GET", "POST", "DELETE", "PUT"}) {
      for (String path : paths) {
        // A trailing slash makes the path unclean, so it skips the fast path and walks the tree.
        String unclean = path.equals("/") ? "//" : path + "/";
        RouteMatch<String> fast = router.match(method, path);
        RouteMatch<String> tree = router.match(method, unclean);
        assertThat(fast.kind()).as("%s %s", method, path).isEqualTo(tree.kind());
        assertThat(fast.allowedMethods())
            .as("%s %s", method, path)
            .isEqualTo(tree.allowedMethods());
        if (fast.kind() == RouteMatch.Kind.FOUND) {
          assertThat(fast.value()).as("%s %s", method, path).isEqualTo(tree.value());
          assertThat(fast.pattern()).isEqualTo(tree.pattern());
          assertThat(fast.params()).isEqualTo(tree.params());
        }
      }
    }
    assertThat(router.match("GET", "/a/b").value()).isEqualTo("GET /a/b");
    assertThat(router.match("GET", "/files/readme").value()).isEqualTo("GET /files/readme");
    assertThat(router.match("GET", "/a/b").params()).isEmpty();
  }
}
