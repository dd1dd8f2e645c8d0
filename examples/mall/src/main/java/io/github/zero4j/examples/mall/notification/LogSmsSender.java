package io.github.zero4j.examples.mall.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Provider {@code log}: writes each text as an INFO line instead of sending it. */
final class LogSmsSender implements SmsSender {
  private static final Logger log = LoggerFactory.getLogger(LogSmsSender.class);

  @Override
  public void send(String recipient, String text) {
    log.info("sms to {}: {}", recipient, text);
  }

  @Override
  public String toString() {
    return "LogSmsSender";
  }
}
