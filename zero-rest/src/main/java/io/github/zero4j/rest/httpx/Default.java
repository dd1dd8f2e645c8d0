package io.github.zero4j.rest.httpx;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value to use when the request has none, written as the request would send it (go-zero's
 * {@code default=}); for a JSON field of a structured type, as JSON text. Implies optional.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {
  /** The default value. */
  String value();
}
