package io.github.zero4j.core.load;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/**
 * The fallback {@link CpuSource} off Linux or without readable cgroup files: this JVM's CPU time
 * ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}) against the processors
 * available to it ({@link Runtime#availableProcessors()}, which the JDK already derives from the
 * container quota and cpuset). That is {@code getProcessCpuLoad()}'s measure, the one closest to
 * go-zero's "this container against its quota" when the container runs one process; it is computed
 * from the cumulative time so that other callers of {@code getProcessCpuLoad()} (which shares its
 * sampling state process-wide) cannot shorten our sampling interval. {@code getCpuLoad()} would
 * count every process on the machine.
 */
final class JvmCpu implements CpuSource {
  private final OperatingSystemMXBean bean;
  private final int processors;

  JvmCpu(OperatingSystemMXBean bean, int processors) {
    this.bean = bean;
    this.processors = Math.max(1, processors);
  }

  static JvmCpu create() {
    return new JvmCpu(
        ManagementFactory.getOperatingSystemMXBean(), Runtime.getRuntime().availableProcessors());
  }

  @Override
  public long usageNanos() {
    if (bean instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }

  @Override
  public double limitCores() {
    return processors;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "JVM process CPU time over %d processors", processors);
  }
}
