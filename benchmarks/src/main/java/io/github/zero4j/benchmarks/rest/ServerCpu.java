package io.github.zero4j.benchmarks.rest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU usage the REST benchmark's shedder sees: this JVM's own CPU time in per mille of the
 * machine's cores, sampled every 250 ms into go-zero's EWMA (beta 0.95). That is what zero-core's
 * {@code CpuUsage} reports for a server alone in its cgroup; on this machine the process sits in
 * the root cgroup, whose usage includes {@code wrk} (and anything else running), so under {@code
 * wrk} the default reading climbs past the 900 threshold within about 15 s and the shedder starts
 * answering 503 for load the server is not causing. The threshold, the shedder and its per-request
 * work stay as they are; only the reading excludes the load generator.
 */
final class ServerCpu {
  private static final long INTERVAL_MILLIS = 250;
  private static final double BETA = 0.95;
  private static final Path ONLINE = Path.of("/sys/devices/system/cpu/online");

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final int cores = machineCores();
  private volatile int usage;

  private ServerCpu() {}

  /** Starts the sampler thread (a daemon). */
  static ServerCpu start() {
    ServerCpu cpu = new ServerCpu();
    Thread thread = new Thread(cpu::run, "bench-server-cpu");
    thread.setDaemon(true);
    thread.start();
    return cpu;
  }

  /** The smoothed usage, 0..1000. */
  int usage() {
    return usage;
  }

  private void run() {
    long lastCpu = os.getProcessCpuTime();
    long lastTime = System.nanoTime();
    while (true) {
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long cpu = os.getProcessCpuTime();
      long now = System.nanoTime();
      double sample = 1000.0 * (cpu - lastCpu) / ((double) (now - lastTime) * cores);
      usage = (int) (usage * BETA + Math.min(1000, Math.max(0, sample)) * (1 - BETA));
      lastCpu = cpu;
      lastTime = now;
    }
  }

  /** The online CPUs ("0-1" means 2), not the affinity taskset gives this process. */
  private static int machineCores() {
    try {
      int count = 0;
      for (String range : Files.readString(ONLINE, StandardCharsets.US_ASCII).trim().split(",")) {
        String[] bounds = range.split("-");
        count +=
            bounds.length == 1 ? 1 : Integer.parseInt(bounds[1]) - Integer.parseInt(bounds[0]) + 1;
      }
      return Math.max(1, count);
    } catch (IOException | RuntimeException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }
}
