package io.github.zero4j.rest.internal;

import io.github.zero4j.core.timex.Ticker;
import java.time.Duration;

/**
 * The transport's settings, resolved by {@code RestServer.Builder}.
 *
 * @param host the address to bind
 * @param port the port to bind; 0 picks a free one
 * @param ioThreads event-loop threads
 * @param maxHeaderBytes limit of the request line and of the header block, each
 * @param readTimeout time to receive a request once its first byte arrived; zero for none
 * @param writeTimeout time to send a response once it is ready; zero for none
 * @param idleTimeout time a keep-alive connection may wait for its next request; zero for none
 * @param shutdownWaitTime how long close() lets in-flight requests finish
 * @param ticker the clock of the timeouts
 */
public record ServerConfig(
    String host,
    int port,
    int ioThreads,
    int maxHeaderBytes,
    Duration readTimeout,
    Duration writeTimeout,
    Duration idleTimeout,
    Duration shutdownWaitTime,
    Ticker ticker) {}
