/**
 * {@code product-rpc}: product reads cached through {@code CachedConn} and the stock decrement that
 * never goes below zero.
 */
@NullMarked
package io.github.zero4j.examples.mall.product;

import org.jspecify.annotations.NullMarked;
