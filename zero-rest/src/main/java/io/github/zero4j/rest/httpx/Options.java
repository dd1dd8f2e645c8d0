package io.github.zero4j.rest.httpx;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The allowed values, compared as text (an enum by its name): go-zero's {@code options=a|b|c}. A
 * violation reads {@code "query status: x (expected: one of [a, b])"}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Options {
  /** The allowed values. */
  String[] value();
}
