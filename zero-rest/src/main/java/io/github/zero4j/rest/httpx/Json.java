package io.github.zero4j.rest.httpx;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a record component from a field of the JSON body: go-zero's {@code json} tag. Components
 * without a source annotation are JSON fields named after the component, so this annotation is only
 * needed to rename one. The body is read only when the {@code Content-Type} contains {@code
 * application/json} and the body is not empty; otherwise every JSON field is absent.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Json {
  /** The JSON field name; the component name when empty. */
  String value() default "";
}
