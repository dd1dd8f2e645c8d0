package io.github.zero4j.rest.internal;

import io.github.zero4j.rest.httpx.Binder;
import io.github.zero4j.rest.internal.chain.Pipeline;
import io.github.zero4j.rest.internal.chain.Renderer;
import io.github.zero4j.rest.router.Router;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket and its connections. Event loops are named {@code zero4j-rest-io-N}; the
 * acceptor is one of them. Epoll when the native transport loads, NIO otherwise.
 *
 * <p>{@link #close()} is go-zero's graceful stop for one server: readiness goes false, the socket
 * stops accepting, idle connections close, busy ones close after their response (marked {@code
 * Connection: close}); after {@code shutdownWaitTime} whatever remains is closed.
 *
 * <p>Thread-safe. Close futures of single channels are not awaited: closing is best effort and the
 * event-loop shutdown that follows releases everything.
 */
@SuppressWarnings("FutureReturnValueIgnored")
public final class NettyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.zero4j.rest.RestServer");

  /** Pending connections the kernel may queue: the usual server default. */
  private static final int BACKLOG = 1024;

  /** Netty's default chunk size: the largest piece of body handed over at once. */
  private static final int MAX_CHUNK_BYTES = 8192;

  /** How long the event loops get to stop once every connection is closed. */
  private static final long LOOP_SHUTDOWN_SECONDS = 2;

  private final ServerConfig config;
  private final Router<Pipeline> routes;
  private final Pipeline notFound;
  private final Pipeline notAllowed;
  private final Renderer renderer;
  private final Binder binder;
  private final long idleTimeoutNanos;
  private final long readTimeoutNanos;
  private final long writeTimeoutNanos;
  private final EventLoopGroup group;
  private final Channel serverChannel;
  private final Set<ConnectionHandler> connections = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private volatile boolean ready;

  private NettyServer(
      ServerConfig config,
      Router<Pipeline> routes,
      Pipeline notFound,
      Pipeline notAllowed,
      Renderer renderer,
      Binder binder) {
    this.config = config;
    this.routes = routes;
    this.notFound = notFound;
    this.notAllowed = notAllowed;
    this.renderer = renderer;
    this.binder = binder;
    this.idleTimeoutNanos = config.idleTimeout().toNanos();
    this.readTimeoutNanos = config.readTimeout().toNanos();
    this.writeTimeoutNanos = config.writeTimeout().toNanos();
    boolean epoll = Epoll.isAvailable();
    this.group =
        new MultiThreadIoEventLoopGroup(
            config.ioThreads(),
            threads("zero4j-rest-io-"),
            epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    try {
      HttpDecoderConfig decoder =
          new HttpDecoderConfig()
              .setMaxInitialLineLength(config.maxHeaderBytes())
              .setMaxHeaderSize(config.maxHeaderBytes())
              .setMaxChunkSize(MAX_CHUNK_BYTES);
      this.serverChannel =
          new ServerBootstrap()
              .group(group)
              .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, BACKLOG)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.AUTO_READ, false)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      ConnectionHandler connection =
                          new ConnectionHandler(NettyServer.this, config.ticker());
                      channel
                          .pipeline()
                          .addLast(connection.firstByte)
                          .addLast(new HttpServerCodec(decoder))
                          .addLast(new FlowControlHandler())
                          .addLast(connection);
                    }
                  })
              .bind(config.host(), config.port())
              .syncUninterruptibly()
              .channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, LOOP_SHUTDOWN_SECONDS, TimeUnit.SECONDS);
      throw e;
    }
    this.ready = true;
    LOG.info(
        "listening on {}:{} ({}, {} io threads)",
        config.host(),
        port(),
        epoll ? "epoll" : "nio",
        config.ioThreads());
  }

  /** Binds and starts serving. */
  public static NettyServer start(
      ServerConfig config,
      Router<Pipeline> routes,
      Pipeline notFound,
      Pipeline notAllowed,
      Renderer renderer,
      Binder binder) {
    return new NettyServer(config, routes, notFound, notAllowed, renderer, binder);
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** Whether the server accepts requests: true from bind to the start of {@link #close()}. */
  public boolean isReady() {
    return ready;
  }

  /** The graceful stop; see the class comment. Idempotent; later calls wait for the first. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      terminated.join();
      return;
    }
    ready = false;
    try {
      serverChannel.close().syncUninterruptibly();
      for (ConnectionHandler connection : connections) {
        try {
          connection.channel().eventLoop().execute(connection::beginShutdown);
        } catch (RejectedExecutionException e) {
          connection.channel().close();
        }
      }
      if (connections.isEmpty()) {
        drained.complete(null);
      }
      awaitDrained(config.shutdownWaitTime());
      for (ConnectionHandler connection : connections) {
        connection.channel().close();
      }
      group
          .shutdownGracefully(0, LOOP_SHUTDOWN_SECONDS, TimeUnit.SECONDS)
          .awaitUninterruptibly(LOOP_SHUTDOWN_SECONDS * 2, TimeUnit.SECONDS);
    } finally {
      terminated.complete(null);
    }
  }

  private void awaitDrained(Duration wait) {
    try {
      drained.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      LOG.warn(
          "{} connections still busy after the shutdown wait of {}; closing them",
          connections.size(),
          wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean connectionOpened(ConnectionHandler connection) {
    if (closing.get()) {
      return false;
    }
    connections.add(connection);
    return true;
  }

  void connectionClosed(ConnectionHandler connection) {
    connections.remove(connection);
    if (closing.get() && connections.isEmpty()) {
      drained.complete(null);
    }
  }

  Router<Pipeline> routes() {
    return routes;
  }

  Pipeline notFound() {
    return notFound;
  }

  Pipeline notAllowed() {
    return notAllowed;
  }

  Renderer renderer() {
    return renderer;
  }

  Binder binder() {
    return binder;
  }

  long idleTimeoutNanos() {
    return idleTimeoutNanos;
  }

  long readTimeoutNanos() {
    return readTimeoutNanos;
  }

  long writeTimeoutNanos() {
    return writeTimeoutNanos;
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger ids = new AtomicInteger();
    return task -> new FastThreadLocalThread(task, prefix + ids.incrementAndGet());
  }
}
