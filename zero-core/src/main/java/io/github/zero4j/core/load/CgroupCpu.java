package io.github.zero4j.core.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * CPU time and CPU limit of this process's cgroup, v1 or v2 (go-zero
 * core/stat/internal/cgroup_linux.go and cpu_linux.go).
 *
 * <ul>
 *   <li>v2 (a {@code cgroup.controllers} file at the root): usage from {@code cpu.stat}'s {@code
 *       usage_usec}; quota from {@code cpu.max} ({@code "max 100000"} or {@code "150000 100000"});
 *       cores from {@code cpuset.cpus.effective}.
 *   <li>v1: usage from {@code cpuacct.usage} (ns); quota from {@code cpu.cfs_quota_us} ({@code -1}
 *       = none) over {@code cpu.cfs_period_us}; cores from {@code cpuset.cpus}.
 * </ul>
 *
 * <p>The limit is {@code min(cores, quota / period)}, as in go-zero. The process's cgroup directory
 * comes from {@code /proc/self/cgroup}; when that path does not exist under the mount (inside a
 * container the mount usually is the container's own cgroup), the mount itself is used, which is
 * where go-zero always reads. Quota and cpuset are looked up from that directory up to the mount,
 * taking the tightest quota (a Kubernetes pod-level limit sits one level above the container) and
 * the nearest cpuset; no cpuset file means all {@code hostCpus}.
 *
 * <p>Limits are read once, at detection; usage on every sample.
 */
final class CgroupCpu implements CpuSource {
  private static final long NANOS_PER_MICRO = 1_000;

  private final int version;
  private final Path usageFile;
  private final int cores;
  private final double quotaCores;

  private CgroupCpu(int version, Path usageFile, int cores, double quotaCores) {
    this.version = version;
    this.usageFile = usageFile;
    this.cores = cores;
    this.quotaCores = quotaCores;
  }

  /**
   * The cgroup of the process described by {@code procSelfCgroup}, with cgroup file systems mounted
   * under {@code cgroupRoot}; empty if its CPU usage cannot be read.
   */
  static Optional<CpuSource> detect(Path procSelfCgroup, Path cgroupRoot, int hostCpus) {
    List<String> lines;
    try {
      lines = Files.readAllLines(procSelfCgroup, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
    try {
      if (Files.isRegularFile(cgroupRoot.resolve("cgroup.controllers"))) {
        return v2(lines, cgroupRoot, hostCpus);
      }
      return v1(lines, cgroupRoot, hostCpus);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<CpuSource> v2(List<String> lines, Path root, int hostCpus)
      throws IOException {
    String path = "/";
    for (String line : lines) {
      if (line.startsWith("0::")) {
        path = line.substring(3);
      }
    }
    Path dir = cgroupDir(root, path, "cpu.stat");
    Path usage = dir.resolve("cpu.stat");
    if (!Files.isReadable(usage)) {
      return Optional.empty();
    }
    CgroupCpu cgroup =
        new CgroupCpu(
            2, usage, cpuset(dir, root, "cpuset.cpus.effective", hostCpus), v2Quota(dir, root));
    cgroup.usageNanosOrThrow();
    return Optional.of(cgroup);
  }

  private static Optional<CpuSource> v1(List<String> lines, Path root, int hostCpus)
      throws IOException {
    Path acct = v1Dir(lines, root, "cpuacct", "cpuacct.usage");
    if (acct == null) {
      return Optional.empty();
    }
    Path usage = acct.resolve("cpuacct.usage");
    if (!Files.isReadable(usage)) {
      return Optional.empty();
    }
    Path cpu = v1Dir(lines, root, "cpu", "cpu.cfs_quota_us");
    double quota = cpu == null ? Double.POSITIVE_INFINITY : v1Quota(cpu, mountOf(cpu, root));
    Path cpusetDir = v1Dir(lines, root, "cpuset", "cpuset.cpus");
    int cores =
        cpusetDir == null
            ? Math.max(1, hostCpus)
            : cpuset(cpusetDir, mountOf(cpusetDir, root), "cpuset.cpus", hostCpus);
    CgroupCpu cgroup = new CgroupCpu(1, usage, cores, quota);
    cgroup.usageNanosOrThrow();
    return Optional.of(cgroup);
  }

  @Override
  public long usageNanos() {
    try {
      return usageNanosOrThrow();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  @Override
  public double limitCores() {
    return Math.min(cores, quotaCores);
  }

  /** CPUs in the cpuset. */
  int cores() {
    return cores;
  }

  /** quota / period in cores; infinite when there is no quota. */
  double quotaCores() {
    return quotaCores;
  }

  /** 1 or 2. */
  int version() {
    return version;
  }

  @Override
  public String describe() {
    return String.format(
        Locale.ROOT,
        "cgroup v%d %s (cpuset %d cores, quota %s, limit %.2f cores)",
        version,
        usageFile.getParent(),
        cores,
        Double.isInfinite(quotaCores) ? "none" : String.format(Locale.ROOT, "%.2f", quotaCores),
        limitCores());
  }

  private long usageNanosOrThrow() throws IOException {
    String text = Files.readString(usageFile, StandardCharsets.UTF_8);
    if (version == 1) {
      return Long.parseLong(text.trim());
    }
    for (String line : text.split("\n", -1)) {
      String[] fields = line.trim().split("\\s+", -1);
      if (fields.length == 2 && fields[0].equals("usage_usec")) {
        return Math.multiplyExact(Long.parseLong(fields[1]), NANOS_PER_MICRO);
      }
    }
    throw new IOException("no usage_usec in " + usageFile);
  }

  /** The v2 quota: the tightest {@code cpu.max} from {@code dir} up to {@code root}. */
  private static double v2Quota(Path dir, Path root) throws IOException {
    double tightest = Double.POSITIVE_INFINITY;
    for (Path p = dir; p != null && p.startsWith(root); p = p.getParent()) {
      Path file = p.resolve("cpu.max");
      if (!Files.isReadable(file)) {
        continue;
      }
      String[] fields = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+", -1);
      if (fields.length < 1 || fields[0].equals("max")) {
        continue;
      }
      long quota = Long.parseLong(fields[0]);
      long period = fields.length > 1 ? Long.parseLong(fields[1]) : 100_000;
      OptionalDouble cores = cores(quota, period);
      if (cores.isPresent()) {
        tightest = Math.min(tightest, cores.getAsDouble());
      }
    }
    return tightest;
  }

  /** The v1 quota: the tightest {@code cpu.cfs_quota_us / cpu.cfs_period_us} up to the mount. */
  private static double v1Quota(Path dir, Path mount) throws IOException {
    double tightest = Double.POSITIVE_INFINITY;
    for (Path p = dir; p != null && p.startsWith(mount); p = p.getParent()) {
      Path quotaFile = p.resolve("cpu.cfs_quota_us");
      Path periodFile = p.resolve("cpu.cfs_period_us");
      if (!Files.isReadable(quotaFile) || !Files.isReadable(periodFile)) {
        continue;
      }
      long quota = Long.parseLong(Files.readString(quotaFile, StandardCharsets.UTF_8).trim());
      long period = Long.parseLong(Files.readString(periodFile, StandardCharsets.UTF_8).trim());
      OptionalDouble cores = cores(quota, period);
      if (cores.isPresent()) {
        tightest = Math.min(tightest, cores.getAsDouble());
      }
    }
    return tightest;
  }

  private static OptionalDouble cores(long quota, long period) {
    if (quota <= 0 || period <= 0) {
      return OptionalDouble.empty(); // -1: no quota
    }
    return OptionalDouble.of((double) quota / period);
  }

  /** CPUs in the nearest non-empty cpuset file from {@code dir} up to {@code top}. */
  private static int cpuset(Path dir, Path top, String name, int hostCpus) throws IOException {
    for (Path p = dir; p != null && p.startsWith(top); p = p.getParent()) {
      Path file = p.resolve(name);
      if (!Files.isReadable(file)) {
        continue;
      }
      OptionalInt count = countCpus(Files.readString(file, StandardCharsets.UTF_8));
      if (count.isPresent()) {
        return count.getAsInt();
      }
    }
    return Math.max(1, hostCpus);
  }

  /**
   * The number of CPUs in a kernel CPU list such as {@code "0-3,6,8-10"}; empty for an empty list.
   *
   * @throws IllegalArgumentException for a malformed list
   */
  static OptionalInt countCpus(String list) {
    String trimmed = list.trim();
    if (trimmed.isEmpty()) {
      return OptionalInt.empty();
    }
    BitSet cpus = new BitSet();
    for (String part : trimmed.split(",", -1)) {
      String range = part.trim();
      int dash = range.indexOf('-');
      try {
        if (dash < 0) {
          cpus.set(Integer.parseInt(range));
        } else {
          int from = Integer.parseInt(range.substring(0, dash));
          int to = Integer.parseInt(range.substring(dash + 1));
          if (from < 0 || to < from) {
            throw new IllegalArgumentException(
                "cpu list: " + list + " (expected: a-b with a <= b)");
          }
          cpus.set(from, to + 1);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("cpu list: " + list + " (expected: e.g. 0-3,6)", e);
      }
    }
    return OptionalInt.of(cpus.cardinality());
  }

  /**
   * The directory of the v1 {@code controller} for this process: its mount joined with the path
   * from {@code /proc/self/cgroup} when that holds {@code file}, else the mount.
   */
  private static @Nullable Path v1Dir(
      List<String> lines, Path root, String controller, String file) {
    for (String line : lines) {
      String[] cols = line.split(":", 3);
      if (cols.length != 3) {
        continue;
      }
      List<String> controllers = List.of(cols[1].split(",", -1));
      if (!controllers.contains(controller)) {
        continue;
      }
      for (Path mount : List.of(root.resolve(cols[1]), root.resolve(controller))) {
        if (Files.isDirectory(mount)) {
          return cgroupDir(mount, cols[2], file);
        }
      }
    }
    return null;
  }

  /** {@code mount + path} if that directory holds {@code file}, else {@code mount}. */
  private static Path cgroupDir(Path mount, String path, String file) {
    String relative = path.trim();
    while (relative.startsWith("/")) {
      relative = relative.substring(1);
    }
    if (relative.isEmpty()) {
      return mount;
    }
    Path dir = mount.resolve(relative).normalize();
    if (dir.startsWith(mount) && Files.isRegularFile(dir.resolve(file))) {
      return dir;
    }
    return mount;
  }

  /** The mount a v1 controller directory lives under: the first path element below root. */
  private static Path mountOf(Path dir, Path root) {
    Path relative = root.relativize(dir);
    return relative.getNameCount() == 0 || relative.toString().isEmpty()
        ? dir
        : root.resolve(relative.getName(0));
  }
}
