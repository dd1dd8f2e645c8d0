package io.github.zero4j.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class BreakerRegistryTest {

  private static String uniqueName() {
    return "registry-test-" + UUID.randomUUID();
  }

  @Test
  void get_returnsOneBreakerPerName() {
    BreakerRegistry registry = BreakerRegistry.create();
    Breaker a = registry.get("a");
    assertThat(registry.get("a")).isSameAs(a);
    assertThat(registry.get("b")).isNotSameAs(a);
    assertThat(a.name()).isEqualTo("a");
    assertThat(registry.find("a")).containsSame(a);
    assertThat(registry.find("c")).isEmpty();
  }

  @Test
  void get_acceptableErrorsNeverReject() {
    BreakerRegistry registry = BreakerRegistry.create();
    IllegalArgumentException acceptable = new IllegalArgumentException("acceptable");
    for (int i = 0; i < 10_000; i++) {
      Throwable thrown =
          catchThrowable(
              () ->
                  registry
                      .get("acceptable")
                      .execute(
                          () -> {
                            throw acceptable;
                          },
                          e -> e == acceptable));
      assertThat(thrown).isSameAs(acceptable);
    }
  }

  @Test
  void noBreakerFor_disablesBreaking() {
    BreakerRegistry registry = BreakerRegistry.create();
    Breaker before = registry.get("disabled");
    registry.noBreakerFor("disabled");
    Breaker after = registry.get("disabled");
    assertThat(after).isNotSameAs(before).isSameAs(Breaker.noop());
    assertThat(after.name()).isEqualTo("nopBreaker");
    for (int i = 0; i < 10_000; i++) {
      assertThat(
              catchThrowable(
                  () ->
                      after.execute(
                          () -> {
                            throw new IllegalStateException("down");
                          })))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void unacceptableErrors_tripARegistryBreaker() {
    BreakerRegistry registry = BreakerRegistry.create();
    int dropped = 0;
    for (int i = 0; i < 10_000; i++) {
      Throwable thrown =
          catchThrowable(
              () ->
                  registry
                      .get("failing")
                      .execute(
                          () -> {
                            throw new IllegalStateException("down");
                          }));
      if (thrown instanceof BreakerOpenException) {
        dropped++;
      }
    }
    assertThat(dropped).isGreaterThan(9_000);
  }

  @Test
  void create_usesTheFactory() {
    BreakerRegistry registry =
        BreakerRegistry.create(name -> Breaker.builder().name("custom-" + name).build());
    assertThat(registry.get("x").name()).isEqualTo("custom-x");
    BreakerRegistry broken = BreakerRegistry.create(name -> null);
    assertThatThrownBy(() -> broken.get("x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("factory returned null for x");
  }

  @Test
  void breakers_useTheProcessDefault() {
    String name = uniqueName();
    Breaker b = Breakers.get(name);
    assertThat(Breakers.registry().get(name)).isSameAs(b);
    Breakers.noBreakerFor(name);
    assertThat(Breakers.get(name)).isSameAs(Breaker.noop());
  }
}
