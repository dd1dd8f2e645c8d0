package io.github.zero4j.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fake cgroup v1 and v2 trees in a temporary directory. */
class CgroupCpuTest {
  private static final int HOST_CPUS = 8;

  @SuppressWarnings("NullAway.Init") // injected by JUnit
  @TempDir
  Path tmp;

  private Path root() {
    return tmp.resolve("sys/fs/cgroup");
  }

  private Path procSelfCgroup(String... lines) throws IOException {
    Path file = tmp.resolve("proc/self/cgroup");
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private CgroupCpu detect(Path procSelfCgroup) {
    Optional<CpuSource> source = CgroupCpu.detect(procSelfCgroup, root(), HOST_CPUS);
    assertThat(source).isPresent();
    return (CgroupCpu) source.get();
  }

  private void v2Root() throws IOException {
    write(root().resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
  }

  @Test
  void v2_readsQuotaCpusetAndUsageAtTheMount() throws IOException {
    v2Root();
    write(root().resolve("cpu.max"), "150000 100000\n");
    write(root().resolve("cpuset.cpus.effective"), "0-3\n");
    write(root().resolve("cpu.stat"), "usage_usec 5000000\nuser_usec 4000000\nsystem_usec 1\n");
    CgroupCpu cgroup = detect(procSelfCgroup("0::/"));
    assertThat(cgroup.version()).isEqualTo(2);
    assertThat(cgroup.cores()).isEqualTo(4);
    assertThat(cgroup.quotaCores()).isCloseTo(1.5, within(1e-9));
    assertThat(cgroup.limitCores()).isCloseTo(1.5, within(1e-9));
    assertThat(cgroup.usageNanos()).isEqualTo(5_000_000_000L);
    assertThat(cgroup.describe()).contains("cgroup v2", "limit 1.50 cores");
  }

  @Test
  void v2_maxQuota_limitIsTheCpuset() throws IOException {
    v2Root();
    write(root().resolve("cpu.max"), "max 100000\n");
    write(root().resolve("cpuset.cpus.effective"), "0,2,4\n");
    write(root().resolve("cpu.stat"), "usage_usec 7\n");
    CgroupCpu cgroup = detect(procSelfCgroup("0::/"));
    assertThat(cgroup.quotaCores()).isInfinite();
    assertThat(cgroup.limitCores()).isEqualTo(3.0);
    assertThat(cgroup.usageNanos()).isEqualTo(7_000L);
  }

  @Test
  void v2_nestedCgroup_takesTightestQuotaOnThePathAndInheritedCpuset() throws IOException {
    v2Root();
    write(root().resolve("cpuset.cpus.effective"), "0-7\n");
    write(root().resolve("cpu.stat"), "usage_usec 1\n");
    Path pod = root().resolve("kubepods/pod1");
    write(pod.resolve("cpu.max"), "200000 100000\n");
    Path container = pod.resolve("ctr");
    write(container.resolve("cpu.max"), "max 100000\n");
    write(container.resolve("cpu.stat"), "usage_usec 42\n");
    CgroupCpu cgroup = detect(procSelfCgroup("0::/kubepods/pod1/ctr"));
    assertThat(cgroup.usageNanos()).isEqualTo(42_000L); // the container's own file
    assertThat(cgroup.quotaCores()).isEqualTo(2.0);
    assertThat(cgroup.cores()).isEqualTo(8);
    assertThat(cgroup.limitCores()).isEqualTo(2.0);
  }

  @Test
  void v2_pathMissingUnderMount_readsTheMount() throws IOException {
    v2Root();
    write(root().resolve("cpu.max"), "50000 100000\n");
    write(root().resolve("cpu.stat"), "usage_usec 3\n");
    CgroupCpu cgroup = detect(procSelfCgroup("0::/system.slice/docker-abc.scope"));
    assertThat(cgroup.limitCores()).isEqualTo(0.5);
    assertThat(cgroup.cores()).isEqualTo(HOST_CPUS); // no cpuset file anywhere
    assertThat(cgroup.usageNanos()).isEqualTo(3_000L);
  }

  @Test
  void v1_readsCfsQuotaCpuacctAndCpuset() throws IOException {
    write(root().resolve("cpu,cpuacct/cpu.cfs_quota_us"), "50000\n");
    write(root().resolve("cpu,cpuacct/cpu.cfs_period_us"), "100000\n");
    write(root().resolve("cpu,cpuacct/cpuacct.usage"), "123456789\n");
    write(root().resolve("cpuset/cpuset.cpus"), "0,2\n");
    CgroupCpu cgroup =
        detect(procSelfCgroup("11:memory:/x", "4:cpu,cpuacct:/", "3:cpuset:/", "0::/"));
    assertThat(cgroup.version()).isEqualTo(1);
    assertThat(cgroup.cores()).isEqualTo(2);
    assertThat(cgroup.quotaCores()).isEqualTo(0.5);
    assertThat(cgroup.limitCores()).isEqualTo(0.5);
    assertThat(cgroup.usageNanos()).isEqualTo(123_456_789L);
  }

  @Test
  void v1_noQuota_limitIsTheCpuset_separateMountsAndNestedPath() throws IOException {
    write(root().resolve("cpu/cpu.cfs_quota_us"), "-1\n");
    write(root().resolve("cpu/cpu.cfs_period_us"), "100000\n");
    write(root().resolve("cpuacct/docker/abc/cpuacct.usage"), "99\n");
    write(root().resolve("cpuacct/cpuacct.usage"), "1\n");
    write(root().resolve("cpuset/cpuset.cpus"), "0-2\n");
    CgroupCpu cgroup =
        detect(procSelfCgroup("3:cpuset:/", "2:cpuacct:/docker/abc", "1:cpu:/docker/abc"));
    assertThat(cgroup.quotaCores()).isInfinite();
    assertThat(cgroup.limitCores()).isEqualTo(3.0);
    assertThat(cgroup.usageNanos()).isEqualTo(99L); // the process's own cgroup
  }

  @Test
  void detect_withoutReadableUsage_isEmpty() throws IOException {
    assertThat(CgroupCpu.detect(tmp.resolve("missing"), root(), HOST_CPUS)).isEmpty();
    write(root().resolve("cpu/cpu.cfs_quota_us"), "-1\n");
    assertThat(CgroupCpu.detect(procSelfCgroup("1:cpu:/"), root(), HOST_CPUS)).isEmpty();
    v2Root();
    assertThat(CgroupCpu.detect(procSelfCgroup("0::/"), root(), HOST_CPUS)).isEmpty();
    write(root().resolve("cpu.stat"), "user_usec 1\n");
    assertThat(CgroupCpu.detect(procSelfCgroup("0::/"), root(), HOST_CPUS)).isEmpty();
  }

  @Test
  void usageNanos_unreadableLater_isNegative() throws IOException {
    v2Root();
    write(root().resolve("cpu.stat"), "usage_usec 1\n");
    CgroupCpu cgroup = detect(procSelfCgroup("0::/"));
    Files.delete(root().resolve("cpu.stat"));
    assertThat(cgroup.usageNanos()).isNegative();
  }

  @Test
  void countCpus_parsesKernelCpuLists() {
    assertThat(CgroupCpu.countCpus("0-3,6,8-10\n")).hasValue(8);
    assertThat(CgroupCpu.countCpus("5")).hasValue(1);
    assertThat(CgroupCpu.countCpus("0-1,1-2")).hasValue(3);
    assertThat(CgroupCpu.countCpus(" \n")).isEqualTo(OptionalInt.empty());
    assertThatThrownBy(() -> CgroupCpu.countCpus("3-1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CgroupCpu.countCpus("a-b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
