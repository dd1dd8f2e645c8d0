package io.github.zero4j.core.conf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The key a component is read from, when it is not the component's name: {@code @Key("DB") SqlConf
 * db}, {@code @Key("Type") String nodeType}. Still matched case-insensitively; also the name used
 * in error messages. Without it the key is the component name with its first letter upper-cased
 * ({@code maxConns} shows as {@code MaxConns}), go-zero's field-name convention.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Key {
  /** The key as it is written in the file. */
  String value();
}
