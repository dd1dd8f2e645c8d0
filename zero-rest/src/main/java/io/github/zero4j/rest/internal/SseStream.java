package io.github.zero4j.rest.internal;

import io.github.zero4j.rest.SseEmitter;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SseEmitter} of one event-stream response: each event is one chunk, handed to the
 * channel (Netty queues writes from any thread in order) and waited for, so a slow client slows the
 * writer down instead of filling memory, and a failed write reports the client gone. The channel's
 * close future marks the stream closed and runs the close callbacks once.
 *
 * <p>Thread-safe.
 */
final class SseStream implements SseEmitter {
  private static final Logger LOG = LoggerFactory.getLogger(SseStream.class);

  private final Channel channel;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

  SseStream(Channel channel) {
    this.channel = channel;
    channel.closeFuture().addListener(future -> close());
  }

  @Override
  public boolean send(String data) {
    return write(data(new StringBuilder(), data));
  }

  @Override
  public boolean send(String event, String data) {
    StringBuilder text = new StringBuilder().append("event: ").append(oneLine(event)).append('\n');
    return write(data(text, data));
  }

  @Override
  public boolean comment(String text) {
    return write(": " + oneLine(text) + "\n\n");
  }

  @Override
  public boolean isOpen() {
    return !closed.get() && channel.isActive();
  }

  @Override
  public void onClose(Runnable callback) {
    callbacks.add(callback);
    if (closed.get() && callbacks.remove(callback)) {
      run(callback);
    }
  }

  /** Ends the stream for the writer: later writes return false. */
  void close() {
    if (closed.compareAndSet(false, true)) {
      for (Runnable callback : callbacks) {
        if (callbacks.remove(callback)) {
          run(callback);
        }
      }
    }
  }

  private static void run(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.warn("event-stream close callback failed", e);
    }
  }

  private boolean write(String text) {
    if (!isOpen()) {
      return false;
    }
    ChannelFuture future =
        channel.writeAndFlush(
            new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
    if (channel.eventLoop().inEventLoop()) {
      return true;
    }
    future.awaitUninterruptibly();
    return future.isSuccess();
  }

  private static String data(StringBuilder out, String data) {
    for (String line : data.split("\r\n|\r|\n", -1)) {
      out.append("data: ").append(line).append('\n');
    }
    return out.append('\n').toString();
  }

  private static String oneLine(String text) {
    return text.replace('\r', ' ').replace('\n', ' ');
  }
}
