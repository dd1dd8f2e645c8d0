package io.github.zero4j.core.conf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The only values a scalar component accepts, compared after conversion (so {@code "01"} matches
 * {@code "1"} on an {@code int}) and case-sensitively for strings, as go-zero's {@code options=}
 * tag does: {@code @Options({"dev", "test", "rt", "pre", "pro"}) String mode}. On a list, set, map
 * or {@code Optional}, every element is checked.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Options {
  /** The accepted values, in the file's notation. */
  String[] value();
}
