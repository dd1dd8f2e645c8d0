package io.github.zero4j.rest.internal.chain;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One request's link to its connection, implemented by the transport. Methods other than {@link
 * #closeAfterResponse()} are called on the connection's event loop only.
 */
public interface Exchange {

  /** The connection's event loop: event-loop stages run and schedule timers here. */
  ScheduledExecutorService eventLoop();

  /** Runs {@code callback} on the event loop if the client leaves before the response is sent. */
  void onClientGone(Runnable callback);

  /** Whether the body went over the route's limit (it was then not read further). */
  boolean bodyTooLarge();

  /** Closes the connection once the response is written (any thread). */
  void closeAfterResponse();

  /** Adds a message to this request's access-log line. */
  void note(String message);

  /** The messages added so far. */
  List<String> notes();
}
