package io.github.zero4j.core.mr;

/**
 * A checked exception thrown by a generator, mapper, reducer or task, rethrown to the caller of
 * {@link MapReduce} (unchecked exceptions and errors are rethrown as they are).
 */
public final class MapReduceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MapReduceException(Throwable cause) {
    super("mapreduce failed: " + cause, cause);
  }
}
