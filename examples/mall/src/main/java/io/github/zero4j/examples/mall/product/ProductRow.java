package io.github.zero4j.examples.mall.product;

/** A {@code mall_product} row, also the cached value under {@code cache:product:id:<id>}. */
record ProductRow(long id, String name, long price, int stock) {}
