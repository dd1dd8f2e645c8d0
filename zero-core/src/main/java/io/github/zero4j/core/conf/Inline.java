package io.github.zero4j.core.conf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The component's own keys sit at the level of the enclosing object, as with a Go anonymous
 * embedded struct. go-zero service configs embed {@code rest.RestConf} this way, so {@code Name},
 * {@code Port} and the service's own keys share the top level:
 *
 * <pre>{@code
 * record UserApiConf(@Inline RestConf rest, JwtAuthConf jwtAuth) {}
 * }</pre>
 *
 * <p>Only for record or class components. Two keys that clash between the enclosing type and an
 * inlined one are a definition error, as go-zero's "conflict key" is.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Inline {}
