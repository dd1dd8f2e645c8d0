/**
 * What every mall service shares: the design notes' error codes ({@link
 * io.github.zero4j.examples.mall.common.BizCode}), the business exception that carries one, and the
 * {@code {code, message, data}} envelope every API answers with.
 */
@NullMarked
package io.github.zero4j.examples.mall.common;

import org.jspecify.annotations.NullMarked;
