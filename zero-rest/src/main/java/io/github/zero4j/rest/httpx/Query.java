package io.github.zero4j.rest.httpx;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a record component from the URL query only. Empty values count as absent; a {@code List}
 * component takes every value, written {@code a=1&a=2}, {@code a=1,2} or {@code a[]=1&a[]=2}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Query {
  /** The parameter name; the component name when empty. */
  String value() default "";
}
