package io.github.zero4j.examples.mall;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.queue.inproc.InProcBroker;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the services of one process share beyond their configuration. In embedded mode that is the
 * in-process broker that carries {@code order-events} from {@code order-rpc} to {@code
 * notification-mq}; a service started alone from its {@code etc/*.yaml} gets {@link #standalone()}
 * and uses Kafka.
 */
public final class Wiring {
  private final @Nullable InProcBroker broker;

  private Wiring(@Nullable InProcBroker broker) {
    this.broker = broker;
  }

  /** Nothing shared: queues and pushers go to the Kafka brokers of the configuration. */
  public static Wiring standalone() {
    return new Wiring(null);
  }

  /** Queues and pushers use {@code broker} instead of Kafka. */
  public static Wiring inProcess(InProcBroker broker) {
    return new Wiring(requireNonNull(broker, "broker"));
  }

  /** The in-process broker, when this process has one. */
  public Optional<InProcBroker> broker() {
    return Optional.ofNullable(broker);
  }
}
