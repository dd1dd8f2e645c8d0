package io.github.zero4j.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeadersTest {

  @Test
  void lookupIsCaseInsensitiveAndKeepsOrder() {
    Headers headers = Headers.of("Accept", "a", "X-Id", "1", "accept", "b");
    assertThat(headers.get("ACCEPT")).contains("a");
    assertThat(headers.values("accept")).containsExactly("a", "b");
    assertThat(headers.names()).containsExactly("Accept", "X-Id");
    assertThat(headers.size()).isEqualTo(3);
    assertThat(headers.name(2)).isEqualTo("accept");
    assertThat(headers.get("missing")).isEmpty();
  }

  @Test
  void builderSetsAndRemovesEveryValue() {
    Headers headers =
        Headers.of("A", "1", "a", "2", "B", "3").toBuilder().set("A", "9").remove("b").build();
    assertThat(headers).isEqualTo(Headers.of("A", "9"));
  }

  @Test
  void refusesResponseSplitting() {
    assertThatThrownBy(() -> Headers.of("X", "a\r\nSet-Cookie: x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("header X: \"a\\x0d\\x0aSet-Cookie: x\" (expected: no CR, LF or NUL)");
    assertThatThrownBy(() -> Headers.of("Bad Name", "v"))
        .hasMessage("header name: \"Bad Name\" (expected: visible ASCII without ':')");
    assertThatThrownBy(() -> Headers.of("A"))
        .hasMessage("namesAndValues: 1 strings (expected: an even count)");
  }
}
