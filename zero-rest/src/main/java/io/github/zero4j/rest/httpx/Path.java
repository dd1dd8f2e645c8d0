package io.github.zero4j.rest.httpx;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a record component from a path parameter of the matched route ({@code :name} or {@code
 * *name}): go-zero's {@code path} tag.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Path {
  /** The parameter name; the component name when empty. */
  String value() default "";
}
