package io.github.zero4j.examples.mall.infra;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a service opened, closed in reverse order: servers before the clients and pools they use.
 * {@link #close()} is idempotent, closes everything even when some closes fail, and then throws the
 * first failure with the others suppressed. Thread-safe.
 */
public final class Resources implements AutoCloseable {
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private boolean closed;

  /** Nothing opened yet. */
  public Resources() {}

  /**
   * Records {@code resource} to be closed before everything added earlier, and returns it.
   *
   * @throws IllegalStateException if this is closed already (then {@code resource} is closed)
   */
  public synchronized <T extends AutoCloseable> T add(T resource) {
    requireNonNull(resource, "resource");
    if (closed) {
      closeQuietlyInto(resource, new IllegalStateException("resources closed"));
      throw new IllegalStateException("resources closed: " + resource);
    }
    opened.push(resource);
    return resource;
  }

  /**
   * Closes every resource, newest first.
   *
   * @throws IllegalStateException naming the failed closes (each a suppressed exception)
   */
  @Override
  public void close() {
    Deque<AutoCloseable> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayDeque<>(opened);
      opened.clear();
    }
    IllegalStateException failure = new IllegalStateException("close failed");
    for (AutoCloseable resource : toClose) {
      closeQuietlyInto(resource, failure);
    }
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  /** Closes everything after a failed start, attaching close failures to {@code cause}. */
  public void closeAfter(Throwable cause) {
    try {
      close();
    } catch (IllegalStateException e) {
      for (Throwable suppressed : e.getSuppressed()) {
        cause.addSuppressed(suppressed);
      }
    }
  }

  private static void closeQuietlyInto(AutoCloseable resource, Throwable failure) {
    try {
      resource.close();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      failure.addSuppressed(e);
    }
  }
}
