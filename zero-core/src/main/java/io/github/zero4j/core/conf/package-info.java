/**
 * Configuration loading: YAML and JSON files bound into records, with go-zero's keys and tags.
 *
 * <p>Start with {@link io.github.zero4j.core.conf.Conf#load(java.nio.file.Path, Class)}. A go-zero
 * {@code etc/*.yaml} loads unchanged: keys ({@code Name}, {@code MaxConns}, {@code Etcd: {Hosts,
 * Key}}) match record components case-insensitively, and the annotations {@link
 * io.github.zero4j.core.conf.Default}, {@link io.github.zero4j.core.conf.OptionalKey}, {@link
 * io.github.zero4j.core.conf.Options} and {@link io.github.zero4j.core.conf.Range} play the part of
 * go-zero's {@code default=}, {@code optional}, {@code options=} and {@code range=} tags. Unlike
 * go-zero, an unknown key is an error that names the nearest valid key.
 */
@NullMarked
package io.github.zero4j.core.conf;

import org.jspecify.annotations.NullMarked;
