package io.github.zero4j.rest.httpx;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A numeric range in go-zero's notation: {@code [1:10)} is 1 inclusive to 10 exclusive, {@code
 * (0:]} above zero, either bound may be empty. A violation reads {@code "query page: 0 (expected:
 * in range [1:10))"}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Range {
  /** The range, e.g. {@code [1:100]}. */
  String value();
}
