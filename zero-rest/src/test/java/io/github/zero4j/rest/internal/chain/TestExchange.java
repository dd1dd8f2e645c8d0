package io.github.zero4j.rest.internal.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** An exchange for chain tests: no connection behind it. */
final class TestExchange implements Exchange {
  private static final ScheduledExecutorService LOOP =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "test-event-loop");
            thread.setDaemon(true);
            return thread;
          });

  private final ScheduledExecutorService loop;
  final List<String> notes = new ArrayList<>();
  final List<Runnable> onGone = new ArrayList<>();
  boolean tooLarge;
  boolean closeAfter;

  /** An exchange on a shared single-threaded test loop. */
  TestExchange() {
    this(LOOP);
  }

  /** An exchange on {@code loop}, e.g. a real Netty event loop. */
  TestExchange(ScheduledExecutorService loop) {
    this.loop = loop;
  }

  @Override
  public ScheduledExecutorService eventLoop() {
    return loop;
  }

  @Override
  public void onClientGone(Runnable callback) {
    onGone.add(callback);
  }

  @Override
  public boolean bodyTooLarge() {
    return tooLarge;
  }

  @Override
  public void closeAfterResponse() {
    closeAfter = true;
  }

  @Override
  public void note(String message) {
    notes.add(message);
  }

  @Override
  public List<String> notes() {
    return notes;
  }
}
