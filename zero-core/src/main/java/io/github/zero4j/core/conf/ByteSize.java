package io.github.zero4j.core.conf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An {@code int} or {@code long} component that counts bytes also accepts a size with a unit:
 * {@code 512KiB}, {@code 1MB}, {@code 10m}, {@code 2GiB}. Units are case-insensitive and every
 * multiple is binary ({@code K}, {@code KB} and {@code KiB} all mean 1024), as in the JVM's {@code
 * -Xmx}; a plain integer is a byte count, so go-zero files ({@code MaxBytes: 1048576}) load as they
 * are.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface ByteSize {}
