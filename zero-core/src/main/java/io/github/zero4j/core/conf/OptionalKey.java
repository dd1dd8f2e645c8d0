package io.github.zero4j.core.conf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The key may be absent; the component then takes its type's zero value, as go-zero's {@code
 * optional} tag does: {@code false}, {@code 0}, {@code ""}, {@link java.time.Duration#ZERO}, an
 * empty list, set, map or array, or {@code Optional.empty()}.
 *
 * <p>Types without a zero value (records, enums) cannot carry it: declare them {@code Optional<T>}
 * (absent means empty) or {@code @Nullable T} (absent means {@code null}) instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface OptionalKey {}
