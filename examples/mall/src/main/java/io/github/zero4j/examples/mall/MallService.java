package io.github.zero4j.examples.mall;

/**
 * One running mall service ({@code user-rpc}, {@code order-api} ...). {@code close()} stops it
 * gracefully (readiness off, deregistration, in-flight work finished) and is idempotent.
 */
public interface MallService extends AutoCloseable {

  /** The service's name, e.g. {@code user-rpc}. */
  String name();

  /** Where it serves, e.g. {@code http://127.0.0.1:8888} or {@code 127.0.0.1:9001}. */
  String address();

  @Override
  void close();
}
