package io.github.zero4j.core.load;

import io.github.zero4j.core.timex.Ticker;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's CPU usage in per mille (0..1000) of the CPU it may use, smoothed over about five
 * seconds: go-zero's {@code stat.CpuUsage()}, the value {@link AdaptiveShedder} compares with its
 * threshold.
 *
 * <pre>{@code
 * int cpu = CpuUsage.get(); // 900 = 90 % of the container's CPU quota
 * }</pre>
 *
 * <p>On Linux it reads the container's cgroup (v2 {@code cpu.stat}, {@code cpu.max}, {@code
 * cpuset.cpus.effective}; v1 {@code cpuacct.usage}, {@code cpu.cfs_quota_us}/{@code
 * cpu.cfs_period_us}, {@code cpuset.cpus}) and measures CPU time used against {@code min(cpuset
 * size, quota / period)} cores. Elsewhere, or when those files cannot be read, it measures this
 * JVM's CPU time against {@link Runtime#availableProcessors()} (go-zero reports 0 there, so it
 * never sheds off Linux). A sample is taken every 250 ms and folded into an EWMA (beta 0.95) that
 * starts at 0, so after a start under full load the value needs about 11 s to reach 900, and under
 * a steady full load it settles at 981 (the EWMA truncates to an integer, as go-zero's does).
 *
 * <p>Thread-safe: {@link #get()} is a volatile read. The first call starts one daemon thread,
 * {@code zero4j-core-cpu}, that samples for the life of the JVM.
 */
public final class CpuUsage {
  /** The sampler thread's name. */
  static final String THREAD_NAME = "zero4j-core-cpu";

  /** Where Linux exposes this process's cgroup membership. */
  static final Path PROC_SELF_CGROUP = Path.of("/proc/self/cgroup");

  /** Where cgroup file systems are mounted. */
  static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

  private static final Logger logger = LoggerFactory.getLogger(CpuUsage.class);

  private CpuUsage() {}

  /** The smoothed CPU usage in per mille, 0..1000; starts the sampler on first use. */
  public static int get() {
    return Holder.SAMPLER.current();
  }

  /** The cgroup when one is readable on Linux, else the JVM's own CPU time. */
  static CpuSource detectSource() {
    int processors = Runtime.getRuntime().availableProcessors();
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
      Optional<CpuSource> cgroup = CgroupCpu.detect(PROC_SELF_CGROUP, CGROUP_ROOT, processors);
      if (cgroup.isPresent()) {
        return cgroup.get();
      }
    }
    return JvmCpu.create();
  }

  private static final class Holder {
    static final CpuSampler SAMPLER = start();

    private static CpuSampler start() {
      CpuSource source = detectSource();
      logger.info("cpu usage from {}", source.describe());
      CpuSampler sampler = new CpuSampler(source, Ticker.system());
      Thread thread = new Thread(() -> run(sampler), THREAD_NAME);
      thread.setDaemon(true);
      thread.start();
      return sampler;
    }

    private static void run(CpuSampler sampler) {
      Ticker ticker = Ticker.system();
      long interval = CpuSampler.intervalNanos();
      long next = ticker.read() + interval;
      while (true) {
        long wait = next - ticker.read();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
          continue;
        }
        try {
          sampler.sample();
        } catch (RuntimeException e) {
          logger.warn("cpu usage sample failed", e);
        }
        next += interval;
        long now = ticker.read();
        if (next - now < 0) {
          next = now + interval; // fell behind (a long pause): skip the missed samples
        }
      }
    }
  }
}
