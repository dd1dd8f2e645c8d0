package io.github.zero4j.core.conf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The interval a numeric component must lie in, in go-zero's {@code range=} notation: {@code [a:b]}
 * closed, {@code (a:b)} open, {@code [a:b)} and {@code (a:b]} half-open, and one bound may be left
 * out ({@code [0:]}, {@code (:100]}). {@code @Range("[0:1000)") long cpuThreshold}. A degenerate
 * interval is only valid closed ({@code [2:2]}). On a list, set, map or {@code Optional}, every
 * element is checked.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Range {
  /** The interval, for example {@code "[0:1000)"}. */
  String value();
}
