package io.github.zero4j.rpc;

import static java.util.Objects.requireNonNull;

/**
 * A blocking {@link RpcClient} ({@code NonBlock: false}) found no server ready within the dial
 * timeout. Carries the target.
 */
public final class RpcDialException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String target;

  RpcDialException(String target, String message) {
    super(message);
    this.target = requireNonNull(target, "target");
  }

  /** The gRPC target that was dialled. */
  public String target() {
    return target;
  }
}
