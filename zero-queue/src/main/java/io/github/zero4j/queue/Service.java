package io.github.zero4j.queue;

/**
 * Something with a lifecycle that a {@link ServiceGroup} starts and stops: go-zero's {@code
 * service.Service}. {@link #start()} returns once the service runs (it does not block for its
 * lifetime as go-zero's does); {@link #stop()} returns once it has stopped.
 */
public interface Service {

  void start();

  void stop();
}
