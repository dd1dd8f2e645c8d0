package io.github.zero4j.rest.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TimeoutTest {

  @Test
  void containsIgnoreCase_answersAsLowerCasingWould() {
    String part = "text/event-stream";
    for (String accept :
        List.of(
            "",
            "text/event-stream",
            "TEXT/Event-Stream",
            "application/json, text/event-stream;q=0.9",
            "text/event-strea",
            "text/event",
            "xtext/event-streamx",
            "*/*")) {
      assertThat(Timeout.containsIgnoreCase(accept, part))
          .as(accept)
          .isEqualTo(accept.toLowerCase(Locale.ROOT).contains(part));
    }
  }
}
