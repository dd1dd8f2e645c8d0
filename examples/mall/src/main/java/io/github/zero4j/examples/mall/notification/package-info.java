/**
 * notification-mq: consumes {@code order-events} and tells the user, through a configurable {@link
 * io.github.zero4j.examples.mall.notification.SmsSender}.
 */
@NullMarked
package io.github.zero4j.examples.mall.notification;

import org.jspecify.annotations.NullMarked;
