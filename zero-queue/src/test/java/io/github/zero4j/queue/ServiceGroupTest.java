package io.github.zero4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceGroupTest {
  private final List<String> events = new ArrayList<>();

  private Service service(String name, boolean failStart, boolean failStop) {
    return new Service() {
      @Override
      public void start() {
        events.add("start " + name);
        if (failStart) {
          throw new IllegalStateException("cannot start " + name);
        }
      }

      @Override
      public void stop() {
        events.add("stop " + name);
        if (failStop) {
          throw new IllegalStateException("cannot stop " + name);
        }
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  @Test
  void start_inOrder_stop_inReverse() {
    ServiceGroup group =
        ServiceGroup.of(service("a", false, false), service("b", false, false))
            .add(service("c", false, false));
    group.start();
    group.stop();
    assertThat(events)
        .containsExactly("start a", "start b", "start c", "stop c", "stop b", "stop a");
  }

  @Test
  void failedStart_stopsTheStartedOnesInReverse_andThrows() {
    ServiceGroup group =
        ServiceGroup.of(
            service("a", false, false), service("b", false, false), service("c", true, false));
    assertThatThrownBy(group::start)
        .isInstanceOf(ServiceGroupException.class)
        .hasMessageContaining("service c failed to start")
        .hasRootCauseMessage("cannot start c");
    assertThat(events).containsExactly("start a", "start b", "start c", "stop b", "stop a");
    events.clear();
    group.stop();
    assertThat(events).isEmpty();
  }

  @Test
  void stop_triesEveryService_andReportsAllFailures() {
    ServiceGroup group =
        ServiceGroup.of(
            service("a", false, true), service("b", false, false), service("c", false, true));
    group.start();
    assertThatThrownBy(group::close)
        .isInstanceOfSatisfying(
            ServiceGroupException.class,
            e -> {
              assertThat(e).hasMessageContaining("2 service(s) failed to stop");
              assertThat(e.getSuppressed())
                  .extracting(Throwable::getMessage)
                  .containsExactly("cannot stop c", "cannot stop a");
            });
    assertThat(events).endsWith("stop c", "stop b", "stop a");
  }

  @Test
  void start_twice_startsOnlyNewServices() {
    ServiceGroup group = ServiceGroup.of(service("a", false, false));
    group.start();
    group.add(service("b", false, false));
    group.start();
    assertThat(events).containsExactly("start a", "start b");
  }
}
