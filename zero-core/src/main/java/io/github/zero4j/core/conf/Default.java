package io.github.zero4j.core.conf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a component takes when its key is absent (or given with no value), written as it would
 * be in the file: {@code @Default("3000") Duration timeout}, {@code @Default("0.0.0.0") String
 * host}, {@code @Default("1h") Duration expiry}. go-zero's {@code default=} tag.
 *
 * <p>Only for scalar components and {@code Optional}s of one. The text is converted and checked
 * against {@link Options} and {@link Range} when the type is first bound, so a bad default fails at
 * once, whatever the file says. Defaults are not searched for {@code ${VAR}}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Default {
  /** The default, in the file's notation. */
  String value();
}
