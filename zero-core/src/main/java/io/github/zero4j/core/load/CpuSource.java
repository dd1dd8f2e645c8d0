package io.github.zero4j.core.load;

/** Where {@link CpuSampler} reads CPU time from: a cgroup, or the JVM as a fallback. */
interface CpuSource {

  /** Cumulative CPU time consumed, in nanoseconds; negative when it cannot be read right now. */
  long usageNanos();

  /** The CPU capacity the usage is measured against, in cores (quota or cpuset); positive. */
  double limitCores();

  /** A short description for the startup log line. */
  String describe();
}
