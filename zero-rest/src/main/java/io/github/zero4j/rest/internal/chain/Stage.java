package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Response;
import org.jspecify.annotations.Nullable;

/**
 * A built-in that wraps a request on its connection's event loop (the built-ins before {@link
 * io.github.zero4j.rest.BuiltIn#RECOVER}, and CORS and the file servers in front of them): it must
 * not block, and it sees the request's final response, or answers by itself, without holding a
 * thread while the handler runs.
 *
 * <p>{@link Pipeline} calls {@link #enter} outermost first, then runs the rest of the chain, then
 * {@link #leave} innermost first with the response; both on the event loop, so a stage needs no
 * synchronization for what it keeps in the {@link Call}.
 */
interface Stage {

  /**
   * Called before the rest of the chain. Returns {@code null} to let the request go on, or the
   * rendered response that answers it here: then the stages inside this one and the handler do not
   * run, and neither does this stage's {@link #leave}.
   */
  @Nullable Response enter(Call call);

  /**
   * Called with the request's rendered response, or {@code null} when the chain failed (a bug,
   * answered 500 by the transport), once the stages inside this one have left; returns the response
   * to send on (the same one, or one with headers added), or {@code null} when given {@code null}.
   */
  @Nullable Response leave(Call call, @Nullable Response response);

  /**
   * Whether this stage reads the call's start and end ({@link Call#nanos()}), or has a breaker or
   * shedder read them through the {@link CallClock}: a chain without such a stage, a timeout or
   * timed METRICS does not read the clock.
   */
  default boolean timed() {
    return false;
  }
}
