/**
 * The order services: {@code order-rpc} (creates orders from user, product and payment calls,
 * publishes {@code order-events}) and {@code order-api} ({@code /api/v1/order}, JWT).
 */
@NullMarked
package io.github.zero4j.examples.mall.order;

import org.jspecify.annotations.NullMarked;
