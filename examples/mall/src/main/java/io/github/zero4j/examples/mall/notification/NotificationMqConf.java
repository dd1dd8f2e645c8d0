package io.github.zero4j.examples.mall.notification;

import io.github.zero4j.core.conf.Default;
import io.github.zero4j.queue.kq.KqConf;

/**
 * {@code etc/notification-mq.yaml}.
 *
 * <pre>{@code
 * Name: notification-mq
 * Kq:
 *   Brokers: [127.0.0.1:9092]
 *   Group: notification
 *   Topic: order-events
 * Sms:
 *   Provider: log
 * }</pre>
 *
 * @param name the service name
 * @param kq the queue: go-queue's {@code KqConf}, group {@code notification}, topic {@code
 *     order-events}; {@code Brokers} is unused in embedded mode (the in-process broker carries the
 *     events)
 * @param sms which SMS provider sends the texts
 */
public record NotificationMqConf(@Default("notification-mq") String name, KqConf kq, SmsConf sms) {

  /**
   * The {@code Sms} block.
   *
   * @param provider a name from {@link SmsSenders#providers()}; default {@code log}
   */
  public record SmsConf(@Default(SmsSenders.LOG) String provider) {
    public SmsConf {
      if (!SmsSenders.known(provider)) {
        throw new IllegalArgumentException(SmsSenders.unknown(provider));
      }
    }
  }
}
