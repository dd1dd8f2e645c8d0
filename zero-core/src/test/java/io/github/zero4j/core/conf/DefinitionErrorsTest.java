package io.github.zero4j.core.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mistakes in the config type itself fail at once, whatever the file says, naming the type. */
class DefinitionErrorsTest {
  private static final ConfLoader LOADER = ConfLoader.builder().env(Map.of()).build();

  record BadDefault(@Default("soon") Duration timeout) {}

  record DefaultOutOfRange(@Default("2000") @Range("[0:1000)") int cpu) {}

  record DefaultNotAnOption(@Default("prod") @Options({"dev", "pro"}) String mode) {}

  record BadRange(@Range("[5:1]") int n) {}

  record RangeOnString(@Range("[0:1]") String s) {}

  record OptionalKeyOnRecord(@OptionalKey Inner inner) {}

  record Inner(String a) {}

  record DefaultOnList(@Default("a") List<String> l) {}

  record BothDefaultAndOptional(@Default("1") @OptionalKey int n) {}

  record Unsupported(Object anything) {}

  record RawList(@SuppressWarnings("rawtypes") List list) {}

  record InlineScalar(@Inline String s) {}

  record ByteSizeOnString(@ByteSize String s) {}

  record Clash(@Inline Inner inner, String a) {}

  record SelfInline(@Inline SelfInline self) {}

  @Test
  void badAnnotationsAndTypes_nameTheTypeComponentAndFix() {
    assertThat(fails(BadDefault.class))
        .endsWith(
            "component timeout: @Default(\"soon\") (expected: a duration such as 3000"
                + " (milliseconds), 500ms, 1m30s or PT3S)");
    assertThat(fails(DefaultOutOfRange.class))
        .endsWith("component cpu: @Default(\"2000\") (expected: in [0:1000))");
    assertThat(fails(DefaultNotAnOption.class))
        .endsWith("component mode: @Default(\"prod\") (expected: one of dev, pro)");
    assertThat(fails(BadRange.class))
        .endsWith("component n: [5:1] is empty (expected: an interval with values)");
    assertThat(fails(RangeOnString.class))
        .endsWith("component s: @Range on java.lang.String (expected: a numeric component)");
    assertThat(fails(OptionalKeyOnRecord.class))
        .contains("component inner: @OptionalKey on ")
        .contains("which has no zero value (expected: Optional<");
    assertThat(fails(DefaultOnList.class)).contains("component l: @Default on java.util.List");
    assertThat(fails(BothDefaultAndOptional.class))
        .endsWith("component n: @Default and @OptionalKey (expected: one of them)");
    assertThat(fails(Unsupported.class))
        .contains("component anything: unsupported type java.lang.Object");
    assertThat(fails(RawList.class)).contains("component list: raw type java.util.List");
    assertThat(fails(InlineScalar.class))
        .endsWith(
            "component s: @Inline on java.lang.String (expected: a record or class component)");
    assertThat(fails(ByteSizeOnString.class))
        .endsWith(
            "component s: @ByteSize on java.lang.String (expected: an int or long component)");
    assertThat(fails(Clash.class)).contains("conflict key A");
    assertThat(fails(SelfInline.class)).contains("@Inline cycle");
  }

  record HiddenBadDefault(java.util.Optional<BadDefault> later, @OptionalKey List<BadRange> more) {}

  @Test
  void badNestedTypes_failEvenWhenTheirKeysAreAbsent() {
    assertThat(fails(HiddenBadDefault.class)).contains("component timeout: @Default(\"soon\")");
  }

  @Test
  void definitionError_sourceIsTheType() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> LOADER.load("Timeout: 1s", Format.YAML, BadDefault.class));

    assertThat(e.source()).isEqualTo(BadDefault.class.getName());
  }

  private static String fails(Class<?> type) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> LOADER.load("{}", Format.YAML, type));
    assertThat(e).as(type.getSimpleName()).isNotNull();
    return String.valueOf(e.getMessage());
  }
}
