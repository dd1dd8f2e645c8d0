/**
 * Statistics: go-zero's per-minute stat line ({@link io.github.zero4j.core.stat.StatMetrics}), its
 * rate-limited alert reporter ({@link io.github.zero4j.core.stat.Alerts}) and the Micrometer meters
 * under go-zero's Prometheus names ({@link io.github.zero4j.core.stat.ZeroMeters}, {@link
 * io.github.zero4j.core.stat.MetricNames}).
 */
@NullMarked
package io.github.zero4j.core.stat;

import org.jspecify.annotations.NullMarked;
