package io.github.zero4j.core.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvExpanderTest {
  private final EnvExpander env =
      new EnvExpander(Map.of("HOST", "db", "PORT", "3306", "EMPTY", "")::get);

  @Test
  void expandsEveryReference() {
    assertThat(env.expand("${HOST}:${PORT}")).isEqualTo("db:3306");
    assertThat(env.expand("tcp(${HOST})/x")).isEqualTo("tcp(db)/x");
  }

  @Test
  void defaultApplies_whenUnsetOrEmpty() {
    assertThat(env.expand("${USER:-root}")).isEqualTo("root");
    assertThat(env.expand("${EMPTY:-fallback}")).isEqualTo("fallback");
    assertThat(env.expand("${HOST:-other}")).isEqualTo("db");
    assertThat(env.expand("${USER:-}")).isEmpty();
    assertThat(env.expand("${USER:-a:-b}")).isEqualTo("a:-b");
  }

  @Test
  void emptyButSet_withoutDefault_isEmpty() {
    assertThat(env.expand("[${EMPTY}]")).isEqualTo("[]");
  }

  @Test
  void otherDollars_stayLiteral() {
    assertThat(env.expand("pa$$word$")).isEqualTo("pa$$word$");
    assertThat(env.expand("$HOST")).isEqualTo("$HOST");
    assertThat(env.expand("$${HOST} is ${HOST}")).isEqualTo("${HOST} is db");
    assertThat(env.expand("no dollars")).isEqualTo("no dollars");
  }

  @Test
  void unsetWithoutDefault_namesTheVariable() {
    assertThatThrownBy(() -> env.expand("${DB_PASS}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "environment variable DB_PASS is not set (expected: it set, or a default as in"
                + " ${DB_PASS:-value})");
  }

  @Test
  void malformedReferences_areRejected() {
    assertThatThrownBy(() -> env.expand("${HOST"))
        .hasMessage("unterminated ${ (expected: ${NAME} or ${NAME:-default})");
    assertThatThrownBy(() -> env.expand("${}"))
        .hasMessage("${} names no variable (expected: ${NAME} or ${NAME:-default})");
    assertThatThrownBy(() -> env.expand("${:-x}")).hasMessageContaining("names no variable");
  }
}
