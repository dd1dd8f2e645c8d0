package io.github.zero4j.rest.httpx;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a record component from a request header (names compare case-insensitively): go-zero's
 * {@code header} tag. A {@code List} component takes every value, split at commas.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Header {
  /** The header name; the component name when empty. */
  String value() default "";
}
