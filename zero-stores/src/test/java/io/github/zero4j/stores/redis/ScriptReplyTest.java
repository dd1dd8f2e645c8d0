package io.github.zero4j.stores.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptReplyTest {

  @Test
  void nil_readsAsFalse() {
    ScriptReply nil = ScriptReply.of(null);

    assertThat(nil.isNil()).isTrue();
    assertThat(nil.asBoolean()).isFalse();
    assertThat(nil).hasToString("nil");
  }

  @Test
  void integerOne_readsAsTrue_otherIntegersAsFalse() {
    assertThat(ScriptReply.of(1L).asBoolean()).isTrue();
    assertThat(ScriptReply.of(0L).asBoolean()).isFalse();
    assertThat(ScriptReply.of(2L).asBoolean()).isFalse();
    assertThat(ScriptReply.of(2L).asLong()).isEqualTo(2);
    assertThat(ScriptReply.of(true).asBoolean()).isTrue();
  }

  @Test
  void lists_areConvertedRecursively() {
    ScriptReply reply = ScriptReply.of(Arrays.asList(1L, "a", null, List.of(2L)));

    assertThat(reply.asList())
        .containsExactly(
            ScriptReply.of(1L),
            ScriptReply.of("a"),
            ScriptReply.of(null),
            ScriptReply.of(List.of(2L)));
    assertThat(reply.asList().get(3).asList().get(0).asLong()).isEqualTo(2);
  }

  @Test
  void maps_flattenToKeyValueList() {
    assertThat(ScriptReply.of(Map.of("k", 1L)).asList())
        .containsExactly(ScriptReply.of("k"), ScriptReply.of(1L));
  }

  @Test
  void wrongAccessor_namesTheActualReply() {
    assertThatThrownBy(() -> ScriptReply.of("OK").asLong())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("script reply: \"OK\" (expected: an integer)");
    assertThatThrownBy(() -> ScriptReply.of(List.of()).asBoolean())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("script reply: [] (expected: an integer or nil)");
    assertThatThrownBy(() -> ScriptReply.of(null).asString())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("script reply: nil (expected: a string)");
  }

  @Test
  void script_sha1_matchesRedisScriptLoad() {
    // redis-cli SCRIPT LOAD "return 1" -> e0e1f9fabfc9d4800c877a703b823ac0578ff8db
    assertThat(Script.of("return 1").sha1()).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
  }
}
