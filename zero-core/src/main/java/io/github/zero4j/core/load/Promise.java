package io.github.zero4j.core.load;

/**
 * A request admitted by a {@link Shedder}: the caller completes it exactly once, with {@link
 * #pass()} when the request was served (its latency then feeds the shedder's capacity estimate) or
 * {@link #fail()} when it was not (for example it timed out). go-zero's {@code load.Promise}.
 */
public interface Promise {

  /** The request was served; records its latency and one completed request. */
  void pass();

  /** The request failed; only ends its in-flight accounting. */
  void fail();
}
