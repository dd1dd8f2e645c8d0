/**
 * Adaptive load shedding (go-zero's {@code core/load}): {@link
 * io.github.zero4j.core.load.AdaptiveShedder} drops requests when the CPU is over a threshold and
 * more requests are in flight than the service has shown it can complete; {@link
 * io.github.zero4j.core.load.CpuUsage} samples the container's CPU usage against its cgroup quota.
 */
@NullMarked
package io.github.zero4j.core.load;

import org.jspecify.annotations.NullMarked;
