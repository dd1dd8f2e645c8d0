package io.github.zero4j.core.mr;

/**
 * One of the functions {@link MapReduce#finish} runs in parallel; like go-zero's {@code func()
 * error}, it fails by throwing.
 */
@FunctionalInterface
public interface Task {
  void run() throws Exception;
}
