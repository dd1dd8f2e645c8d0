package io.github.zero4j.rest.internal;

import io.github.zero4j.rest.internal.chain.Exchange;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * One request in flight on a connection. Event-loop confined except {@link #closeAfterResponse()}
 * and {@link #note(String)}, which a handler thread may call.
 */
final class HttpExchange implements Exchange {
  private static final VarHandle NOTES;

  static {
    try {
      NOTES = MethodHandles.lookup().findVarHandle(HttpExchange.class, "notes", List.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ScheduledExecutorService eventLoop;
  private final boolean bodyTooLarge;
  private @Nullable List<Runnable> onClientGone;
  private volatile List<String> notes = List.of();
  private volatile boolean closeAfterResponse;
  private boolean gone;

  HttpExchange(ScheduledExecutorService eventLoop, boolean bodyTooLarge) {
    this.eventLoop = eventLoop;
    this.bodyTooLarge = bodyTooLarge;
  }

  @Override
  public ScheduledExecutorService eventLoop() {
    return eventLoop;
  }

  @Override
  public void onClientGone(Runnable callback) {
    if (gone) {
      callback.run();
      return;
    }
    List<Runnable> callbacks = onClientGone;
    if (callbacks == null) {
      callbacks = new ArrayList<>(1);
      onClientGone = callbacks;
    }
    callbacks.add(callback);
  }

  @Override
  public boolean bodyTooLarge() {
    return bodyTooLarge;
  }

  @Override
  public void closeAfterResponse() {
    closeAfterResponse = true;
  }

  boolean closeRequested() {
    return closeAfterResponse;
  }

  @Override
  public void note(String message) {
    // Copy-on-write: notes are rare (rejections), and a handler thread may add one while the event
    // loop writes the access line of a request that timed out.
    while (true) {
      List<String> current = notes;
      List<String> next = new ArrayList<>(current.size() + 1);
      next.addAll(current);
      next.add(message);
      if (NOTES.compareAndSet(this, current, List.copyOf(next))) {
        return;
      }
    }
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  /** The connection closed while this request was in flight. */
  void clientGone() {
    if (gone) {
      return;
    }
    gone = true;
    List<Runnable> callbacks = onClientGone;
    onClientGone = null;
    if (callbacks != null) {
      for (Runnable callback : callbacks) {
        callback.run();
      }
    }
  }
}
