package io.github.zero4j.examples.mall.notification;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.examples.mall.MallService;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.queue.MessageQueue;
import io.github.zero4j.queue.kq.KafkaQueue;
import io.github.zero4j.queue.kq.KqConf;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * notification-mq: consumes {@code order-events} (group {@code notification}) and sends one text
 * per order event through the configured {@link SmsSender}. Standalone it is a {@link KafkaQueue};
 * in embedded mode it consumes the process's in-process broker. At least once: a failed send is
 * retried and finally dead-lettered by the queue, never swallowed.
 */
public final class NotificationMq implements MallService {
  private static final Logger log = LoggerFactory.getLogger(NotificationMq.class);

  private final String name;
  private final String address;
  private final MessageQueue queue;
  private final AtomicBoolean closed = new AtomicBoolean();

  private NotificationMq(String name, String address, MessageQueue queue) {
    this.name = name;
    this.address = address;
    this.queue = queue;
  }

  /** Starts consuming with the provider named by {@code Sms.Provider}. */
  public static NotificationMq start(NotificationMqConf conf, Wiring wiring) {
    requireNonNull(conf, "conf");
    return start(conf, wiring, SmsSenders.of(conf.sms().provider()));
  }

  /** Starts consuming with {@code sender} instead of the configured provider. */
  public static NotificationMq start(NotificationMqConf conf, Wiring wiring, SmsSender sender) {
    requireNonNull(conf, "conf");
    requireNonNull(wiring, "wiring");
    KqConf kq = conf.kq();
    OrderEventHandler handler = new OrderEventHandler(sender);
    MessageQueue queue =
        wiring
            .broker()
            .<MessageQueue>map(broker -> broker.queue(kq, handler))
            .orElseGet(() -> KafkaQueue.create(kq, handler));
    String where = wiring.broker().isPresent() ? "inproc" : String.join(",", kq.brokers());
    String address = "kafka://" + where + "/" + kq.topic() + "?group=" + kq.group();
    queue.start();
    log.info("{} consuming {} with {}", conf.name(), address, sender);
    return new NotificationMq(conf.name(), address, queue);
  }

  @Override
  public String name() {
    return name;
  }

  /** {@code kafka://<brokers>/<topic>?group=<group>}, {@code inproc} as brokers in-process. */
  @Override
  public String address() {
    return address;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      queue.stop();
    }
  }

  @Override
  public String toString() {
    return "NotificationMq{" + address + "}";
  }
}
