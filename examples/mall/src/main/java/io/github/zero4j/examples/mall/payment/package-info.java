/**
 * {@code payment-rpc}: pays orders idempotently, with an admin switch that makes it slow, refusing
 * or down for the breaker demo.
 */
@NullMarked
package io.github.zero4j.examples.mall.payment;

import org.jspecify.annotations.NullMarked;
