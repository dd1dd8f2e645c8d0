package io.github.zero4j.core.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyMatcherTest {
  record Redis(String host, String type, String pass, boolean nonBlock, String pingTimeout) {}

  record Clash(String host, @Key("HOST") String other) {}

  private final KeyMatcher keys = ObjectModel.of(Redis.class).keys();

  @Test
  void find_ignoresCase() {
    assertThat(keys.find("NonBlock")).isNotNull();
    assertThat(keys.find("nonblock")).isSameAs(keys.find("NONBLOCK"));
    assertThat(keys.find("Non_Block")).isNull();
  }

  @Test
  void nearest_suggestsTyposWithinOneEditInThree() {
    assertThat(keys.nearest("Hots")).isEqualTo("Host");
    assertThat(keys.nearest("pas")).isEqualTo("Pass");
    assertThat(keys.nearest("NonBlokc")).isEqualTo("NonBlock");
    assertThat(keys.nearest("Non_Block")).isEqualTo("NonBlock");
    assertThat(keys.nearest("PingTimout")).isEqualTo("PingTimeout");
  }

  @Test
  void nearest_suggestsAKeyTheUnknownIsAPrefixOf() {
    assertThat(keys.nearest("Ping")).isEqualTo("PingTimeout");
  }

  @Test
  void nearest_staysQuietForUnrelatedKeys() {
    assertThat(keys.nearest("Zebra")).isNull();
    assertThat(keys.nearest("Endpoints")).isNull();
  }

  @Test
  void distance_isOptimalStringAlignment() {
    assertThat(KeyMatcher.distance("host", "hots")).isEqualTo(1);
    assertThat(KeyMatcher.distance("", "abc")).isEqualTo(3);
    assertThat(KeyMatcher.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(KeyMatcher.distance("ca", "abc")).isEqualTo(3);
  }

  @Test
  void keysDifferingOnlyInCase_areADefinitionError() {
    assertThatThrownBy(() -> ObjectModel.of(Clash.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("conflict key HOST: components host and other read the same key");
  }
}
