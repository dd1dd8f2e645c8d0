package io.github.zero4j.queue;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts several services together and stops them in reverse order: go-zero's {@code
 * service.ServiceGroup}, used to run a process's queues (or anything with {@link Service#start()}
 * and {@link Service#stop()}).
 *
 * <pre>{@code
 * ServiceGroup group = ServiceGroup.of(paymentQueue, orderQueue).stopOnShutdown();
 * group.start();
 * }</pre>
 *
 * <p>{@link #start()} starts the services in the order added; if one fails, those already started
 * are stopped (in reverse) and a {@link ServiceGroupException} is thrown. {@link #stop()} stops
 * every started service in reverse order even when some fail, then throws one {@link
 * ServiceGroupException} carrying all failures. Thread-safe; start and stop are serialised.
 */
public final class ServiceGroup implements Service, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceGroup.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final List<Service> services = new ArrayList<>();
  private final List<Service> started = new ArrayList<>();

  private ServiceGroup() {}

  /** An empty group. */
  public static ServiceGroup create() {
    return new ServiceGroup();
  }

  /** A group of {@code services}, started in this order. */
  public static ServiceGroup of(Service... services) {
    ServiceGroup group = new ServiceGroup();
    for (Service service : services) {
      group.add(service);
    }
    return group;
  }

  /** Adds {@code service}; it starts after those added before it. */
  public ServiceGroup add(Service service) {
    requireNonNull(service, "service");
    lock.lock();
    try {
      services.add(service);
    } finally {
      lock.unlock();
    }
    return this;
  }

  /**
   * Starts every service not started yet, in order.
   *
   * @throws ServiceGroupException if one fails to start; the services started before it, by this
   *     call or earlier ones, are stopped again
   */
  @Override
  public void start() {
    lock.lock();
    try {
      for (Service service : services) {
        if (started.contains(service)) {
          continue;
        }
        try {
          service.start();
          started.add(service);
        } catch (RuntimeException e) {
          List<RuntimeException> failures = new ArrayList<>();
          failures.add(e);
          failures.addAll(stopStarted());
          throw new ServiceGroupException("service " + service + " failed to start", failures);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops every started service, last started first.
   *
   * @throws ServiceGroupException after all were attempted, if any failed to stop
   */
  @Override
  public void stop() {
    List<RuntimeException> failures;
    lock.lock();
    try {
      failures = stopStarted();
    } finally {
      lock.unlock();
    }
    if (!failures.isEmpty()) {
      throw new ServiceGroupException(failures.size() + " service(s) failed to stop", failures);
    }
  }

  /** {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /**
   * Registers a JVM shutdown hook (thread {@code zero4j-queue-shutdown}) that stops this group, as
   * go-zero's {@code proc} stops service groups on SIGTERM. Failures are logged.
   */
  public ServiceGroup stopOnShutdown() {
    Thread hook =
        new Thread(
            () -> {
              try {
                stop();
              } catch (RuntimeException e) {
                log.error("stopping services on shutdown failed", e);
              }
            },
            "zero4j-queue-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return this;
  }

  private List<RuntimeException> stopStarted() {
    List<RuntimeException> failures = new ArrayList<>();
    for (int i = started.size() - 1; i >= 0; i--) {
      Service service = started.get(i);
      try {
        service.stop();
      } catch (RuntimeException e) {
        log.warn("service {} failed to stop", service, e);
        failures.add(e);
      }
    }
    started.clear();
    return failures;
  }

  @Override
  public String toString() {
    lock.lock();
    try {
      return "ServiceGroup" + services;
    } finally {
      lock.unlock();
    }
  }
}
