package io.github.zero4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/** One child process with its output in a log file; knows how to wait for readiness and to die. */
final class ManagedProcess {
  private final String name;
  private final List<String> command;
  private final Path workDir;
  private final Path log;
  private @Nullable Process process;

  ManagedProcess(String name, List<String> command, Path workDir) {
    this.name = name;
    this.command = List.copyOf(command);
    this.workDir = workDir;
    this.log = workDir.resolve(name + ".log");
  }

  void start(BooleanSupplier ready, Duration timeout) {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    Process started;
    try {
      Files.createDirectories(workDir);
      started =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          name
              + ": cannot start "
              + command.get(0)
              + " (is it installed? scripts/test.sh installs it)",
          e);
    }
    process = started;
    long start = System.nanoTime();
    while (!ready.getAsBoolean()) {
      if (!started.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + started.exitValue() + " before it was ready:\n" + tail());
      }
      if (FreePorts.elapsedSince(start).compareTo(timeout) > 0) {
        kill();
        throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail());
      }
      pause();
    }
  }

  /** SIGKILL, as a crash would: no shutdown hooks, no goodbye to clients. */
  void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    awaitExit(p);
  }

  /** SIGTERM, then SIGKILL if the process is still there after {@code grace}. */
  void stop(Duration grace) {
    Process p = process;
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  boolean isAlive() {
    Process p = process;
    return p != null && p.isAlive();
  }

  long pid() {
    Process p = process;
    if (p == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return p.pid();
  }

  Path log() {
    return log;
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  private static void awaitExit(Process p) {
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Poll interval while waiting for a child to come up (not used to synchronise tests). */
  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a child process", e);
    }
  }
}
