package io.github.zero4j.rest.internal;

import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.rest.Headers;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.SseHandler;
import io.github.zero4j.rest.internal.chain.Pipeline;
import io.github.zero4j.rest.router.RouteMatch;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * One HTTP/1.1 connection, on its event loop. The pipeline is
 *
 *   FirstByte -> HttpServerCodec -> FlowControlHandler -> ConnectionHandler
 *
 * with auto-read off: FlowControlHandler hands over one decoded message per read() call, so this
 * handler decides when to read and buffers at most one message itself. A read() that a socket read
 * batch did not satisfy is dropped by FlowControlHandler at channelReadComplete, so it is issued
 * again there while one is wanted.
 *
 * A request goes through these phases; each has a network timeout checked by one timer that is
 * re-armed only when it fires early (IdleStateHandler's trick: no reschedule per request):
 *
 *   IDLE        waiting for a request's first byte             idleTimeout  -> close quietly
 *   READING     first byte seen: head, then body into memory   readTimeout  -> 408, close
 *   PROCESSING  the route's pipeline runs                      none (the TIMEOUT built-in's job)
 *   WRITING     the response is being flushed                  writeTimeout -> close
 *
 * so a network timeout never cuts a response short: either a status is written or the request was
 * never complete (go-zero issues #2700, #2876). The head is routed as soon as it arrives, which
 * gives the route's body limit: a declared Content-Length over it, or a chunked body growing past
 * it, stops the read at once and runs the pipeline, whose MAX_BYTES hop answers 413, and the
 * connection closes after that answer. "Expect: 100-continue" gets its 100 only when the declared
 * length fits.
 *
 * While a request is PROCESSING, one more read is issued: it notices the client leaving (which the
 * TIMEOUT built-in turns into a 499) and parks a pipelined next request until the response is out.
 *
 * Malformed input never reaches a pipeline: the codec's verdict is answered here, 414 for a long
 * request line, 431 for long headers, 400 for anything else (bad percent-encoding, bad chunking,
 * non-1.x versions), and the connection closes. Whenever it closes with request bytes possibly
 * unread (those answers, an early 413, a 408), it lingers as Go's server does: output shut down,
 * input drained for up to half a second, so that no RST destroys the answer.
 */
/**
 * The per-connection state machine; see the comment above. Event-loop confined. Netty's channel
 * futures are not awaited here: failures surface through {@code exceptionCaught} and {@code
 * channelInactive}.
 */
@SuppressWarnings("FutureReturnValueIgnored")
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);
  private static final int CLIENT_CLOSED = 499;
  private static final int INTERNAL_ERROR = 500;

  /** Go's rstAvoidanceDelay (net/http/server.go): how long a half-closed connection lingers. */
  private static final long LINGER_MILLIS = 500;

  private static final int OK_STATUS = 200;
  private static final AtomicInteger SSE_THREADS = new AtomicInteger();

  private enum Phase {
    IDLE,
    READING,
    PROCESSING,
    WRITING
  }

  private final NettyServer server;
  private final Ticker ticker;
  private @Nullable ChannelHandlerContext context;
  private String remoteAddress = "";

  private Phase phase = Phase.IDLE;
  private long deadline;
  private @Nullable ScheduledFuture<?> timer;
  private long timerAt;

  private @Nullable Inbound inbound;
  private @Nullable HttpExchange inFlight;
  private @Nullable Object parked;
  private boolean closing;
  private boolean shuttingDown;
  private boolean wantRead;
  private boolean draining;

  /** Notes that bytes arrived, before the codec sees them: the start of a request's READING. */
  final ChannelInboundHandlerAdapter firstByte =
      new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
          if (phase == Phase.IDLE) {
            enter(Phase.READING);
          }
          ctx.fireChannelRead(msg);
        }
      };

  ConnectionHandler(NettyServer server, Ticker ticker) {
    this.server = server;
    this.ticker = ticker;
  }

  Channel channel() {
    return ctx().channel();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    context = ctx;
    SocketAddress address = ctx.channel().remoteAddress();
    if (address instanceof InetSocketAddress inet) {
      remoteAddress = inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }
    if (!server.connectionOpened(this)) {
      ctx.close();
      return;
    }
    enter(Phase.IDLE);
    requestRead();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closing = true;
    cancelTimer();
    inbound = null;
    Object message = parked;
    parked = null;
    ReferenceCountUtil.release(message);
    HttpExchange exchange = inFlight;
    if (exchange != null) {
      exchange.clientGone();
    }
    server.connectionClosed(this);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      LOG.debug("connection {} failed: {}", remoteAddress, cause.toString());
    } else {
      LOG.warn("connection {} failed", remoteAddress, cause);
    }
    ctx.close();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // FlowControlHandler forgets a read() that the batch did not satisfy: ask again.
    if (wantRead && (!closing || draining)) {
      ctx.read();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    wantRead = false;
    if (closing) {
      ReferenceCountUtil.release(msg);
      if (draining) {
        requestRead();
      }
      return;
    }
    if (inFlight != null) {
      if (parked != null) {
        // Cannot happen with one read per message; refuse rather than buffer without bound.
        ReferenceCountUtil.release(msg);
        ctx.close();
        return;
      }
      parked = msg;
      return;
    }
    handle(msg);
  }

  /** Called on the event loop when the server starts its graceful shutdown. */
  void beginShutdown() {
    shuttingDown = true;
    if (inFlight == null && inbound == null && phase == Phase.IDLE && !closing) {
      closing = true;
      ctx().close();
    }
  }

  private void handle(Object msg) {
    try {
      if (msg instanceof HttpRequest head) {
        onHead(head);
      }
      if (msg instanceof HttpContent content && !closing) {
        onContent(content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onHead(HttpRequest head) {
    DecoderResult result = head.decoderResult();
    if (result.isFailure()) {
      rejectMalformed(result.cause());
      return;
    }
    if (inbound != null || head.protocolVersion().majorVersion() != 1) {
      answerAndClose(HttpResponseStatus.BAD_REQUEST);
      return;
    }
    if (phase == Phase.IDLE) {
      enter(Phase.READING);
    }
    String method = head.method().name();
    Request request;
    long declared;
    try {
      request =
          Request.builder()
              .method(method)
              .uri(head.uri())
              .headers(headers(head.headers()))
              .remoteAddress(remoteAddress)
              .binder(server.binder())
              .build();
      declared = HttpUtil.getContentLength(head, -1L);
    } catch (IllegalArgumentException e) {
      // Bad percent-encoding, a header Netty let through that we refuse, a bad Content-Length.
      LOG.debug("bad request from {}: {}", remoteAddress, e.getMessage());
      answerAndClose(HttpResponseStatus.BAD_REQUEST);
      return;
    }
    RouteMatch<Pipeline> match = server.routes().match(method, request.path());
    Pipeline pipeline =
        switch (match.kind()) {
          case FOUND -> match.value();
          case METHOD_NOT_ALLOWED -> server.notAllowed();
          case NOT_FOUND -> server.notFound();
        };
    Inbound in =
        new Inbound(
            request, match, pipeline, head.protocolVersion(), HttpUtil.isKeepAlive(head), declared);
    inbound = in;
    if (declared > pipeline.maxBodyBytes()) {
      in.tooLarge = true;
      dispatch();
      return;
    }
    if (unsupportedExpectation(head)) {
      inbound = null;
      answerAndClose(HttpResponseStatus.EXPECTATION_FAILED);
      return;
    }
    if (HttpUtil.is100ContinueExpected(head)) {
      ctx()
          .writeAndFlush(
              new DefaultFullHttpResponse(
                  HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
    }
    if (!(head instanceof HttpContent)) {
      requestRead();
    }
  }

  private void onContent(HttpContent content) {
    Inbound in = inbound;
    if (in == null) {
      // Content after an early answer: ignored, the connection is closing.
      return;
    }
    if (content.decoderResult().isFailure()) {
      inbound = null;
      rejectMalformed(content.decoderResult().cause());
      return;
    }
    ByteBuf data = content.content();
    if (in.body.size() + (long) data.readableBytes() > in.pipeline.maxBodyBytes()) {
      in.tooLarge = true;
      dispatch();
      return;
    }
    in.body.append(data);
    if (content instanceof LastHttpContent) {
      dispatch();
    } else {
      requestRead();
    }
  }

  private void dispatch() {
    Inbound in = inbound;
    if (in == null) {
      return;
    }
    inbound = null;
    Request request = in.request;
    RouteMatch<Pipeline> match = in.match;
    if (match.kind() == RouteMatch.Kind.FOUND || in.body.size() > 0) {
      Request.Builder builder = request.toBuilder();
      if (match.kind() == RouteMatch.Kind.FOUND) {
        builder.route(match.pattern()).pathParams(match.params());
      }
      if (!in.tooLarge && in.body.size() > 0) {
        builder.body(in.body.toArray());
      }
      request = builder.build();
    }
    HttpExchange exchange = new HttpExchange(ctx().channel().eventLoop(), in.tooLarge);
    if (in.tooLarge) {
      exchange.closeAfterResponse();
    }
    inFlight = exchange;
    enter(Phase.PROCESSING);
    Request sent = request;
    CompletableFuture<Response> response = in.pipeline.execute(request, exchange);
    response.whenComplete(
        (r, error) -> {
          if (ctx().executor().inEventLoop()) {
            respond(exchange, sent, in, r, error);
          } else {
            ctx().executor().execute(() -> respond(exchange, sent, in, r, error));
          }
        });
    if (!in.tooLarge && inFlight == exchange && parked == null && !closing) {
      requestRead();
    }
  }

  private void respond(
      HttpExchange exchange,
      Request request,
      Inbound in,
      @Nullable Response response,
      @Nullable Throwable error) {
    if (inFlight != exchange) {
      return;
    }
    Response out = response;
    if (error != null || out == null) {
      LOG.error("[HTTP] {} {} - chain failed", request.method(), request.uri(), error);
      out = Response.status(INTERNAL_ERROR);
      exchange.closeAfterResponse();
    }
    if (!ctx().channel().isActive() || out.status() == CLIENT_CLOSED) {
      inFlight = null;
      closing = true;
      ctx().close();
      return;
    }
    out = server.renderer().render(out, request);
    if (in.match.kind() == RouteMatch.Kind.METHOD_NOT_ALLOWED && !out.headers().contains("Allow")) {
      out = out.withHeader("Allow", String.join(", ", in.match.allowedMethods()));
    }
    boolean keepAlive = in.keepAlive && !exchange.closeRequested() && !shuttingDown;
    boolean head = request.method().equals("HEAD");
    SseHandler stream = out.stream().orElse(null);
    if (stream != null && !head && out.status() == OK_STATUS) {
      startStream(exchange, request, in, out, stream);
      return;
    }
    FullHttpResponse message = NettyResponses.toNetty(out, head, keepAlive, in.version);
    enter(Phase.WRITING);
    ChannelFuture written = ctx().writeAndFlush(message);
    if (written.isDone()) {
      // The usual case, a response the socket took at once: no listener to allocate and notify.
      afterWrite(exchange, keepAlive && written.isSuccess());
    } else {
      written.addListener(
          (ChannelFutureListener) future -> afterWrite(exchange, keepAlive && future.isSuccess()));
    }
  }

  /**
   * Sends the head of an event-stream response (chunked, no Content-Length) and runs its handler on
   * a thread of its own; the stream ends, and the connection goes on, when the handler returns.
   * While it streams the connection is in PROCESSING, which has no timer: go-zero clears the write
   * deadline of SSE routes.
   */
  private void startStream(
      HttpExchange exchange, Request request, Inbound in, Response out, SseHandler stream) {
    FullHttpResponse full = NettyResponses.toNetty(out, false, true, in.version);
    HttpResponse message = new DefaultHttpResponse(in.version, full.status());
    message.headers().set(full.headers());
    full.release();
    message.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
    HttpUtil.setTransferEncodingChunked(message, true);
    enter(Phase.PROCESSING);
    SseStream emitter = new SseStream(ctx().channel());
    ctx().writeAndFlush(message);
    Thread writer =
        new Thread(
            () -> {
              try {
                stream.stream(emitter);
              } catch (Throwable e) {
                if (e instanceof InterruptedException) {
                  Thread.currentThread().interrupt();
                }
                LOG.error("[HTTP] {} {} - event stream failed", request.method(), request.uri(), e);
              }
              emitter.close();
              ctx().executor().execute(() -> endStream(exchange, in));
            },
            "zero4j-rest-sse-" + SSE_THREADS.incrementAndGet());
    writer.setDaemon(true);
    writer.start();
  }

  private void endStream(HttpExchange exchange, Inbound in) {
    if (!ctx().channel().isActive()) {
      afterWrite(exchange, false);
      return;
    }
    boolean keepAlive = in.keepAlive && !exchange.closeRequested() && !shuttingDown;
    enter(Phase.WRITING);
    ctx()
        .writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
        .addListener(
            (ChannelFutureListener)
                future -> afterWrite(exchange, keepAlive && future.isSuccess()));
  }

  private void afterWrite(HttpExchange exchange, boolean keepAlive) {
    if (inFlight == exchange) {
      inFlight = null;
    }
    if (!keepAlive || shuttingDown || closing) {
      if (exchange.bodyTooLarge()) {
        lingerClose();
      } else {
        closing = true;
        ctx().close();
      }
      return;
    }
    enter(Phase.IDLE);
    Object next = parked;
    parked = null;
    if (next != null) {
      enter(Phase.READING);
      handle(next);
    } else {
      requestRead();
    }
  }

  private void rejectMalformed(Throwable cause) {
    HttpResponseStatus status = HttpResponseStatus.BAD_REQUEST;
    if (cause instanceof TooLongHttpLineException) {
      status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
    }
    LOG.debug("malformed request from {}: {}", remoteAddress, cause.toString());
    answerAndClose(status);
  }

  /** Answers {@code status} with its reason as text, as Go's server does, then closes. */
  private void answerAndClose(HttpResponseStatus status) {
    inbound = null;
    closing = true;
    byte[] body = (status.code() + " " + status.reasonPhrase()).getBytes(StandardCharsets.UTF_8);
    FullHttpResponse message =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    message
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, Response.TEXT_PLAIN)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    enter(Phase.WRITING);
    ctx()
        .writeAndFlush(message)
        .addListener(
            (ChannelFutureListener)
                future -> {
                  if (future.isSuccess()) {
                    lingerClose();
                  } else {
                    ctx().close();
                  }
                });
  }

  /**
   * Closes a connection whose input may still hold unread request bytes, as Go's {@code
   * closeWriteAndWait} does: closing at once would make the kernel answer those bytes with a RST,
   * which can destroy the status the client has not read yet. So the output is shut down (FIN after
   * the response), input is read and dropped, and the connection closes when the client closes or
   * after {@value #LINGER_MILLIS} ms.
   */
  private void lingerClose() {
    closing = true;
    Channel channel = ctx().channel();
    if (!(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
      ctx().close();
      return;
    }
    duplex
        .shutdownOutput()
        .addListener(
            future -> {
              if (!future.isSuccess()) {
                ctx().close();
                return;
              }
              draining = true;
              cancelTimer();
              ctx().executor().schedule(() -> ctx().close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
              requestRead();
            });
  }

  /** An {@code Expect} other than {@code 100-continue}: RFC 9110 section 10.1.1 asks for 417. */
  private static boolean unsupportedExpectation(HttpRequest head) {
    String expect = head.headers().get(HttpHeaderNames.EXPECT);
    return expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect);
  }

  private static Headers headers(HttpHeaders headers) {
    Headers.Builder builder = Headers.builder();
    for (Iterator<Map.Entry<String, String>> it = headers.iteratorAsString(); it.hasNext(); ) {
      Map.Entry<String, String> header = it.next();
      builder.add(header.getKey(), header.getValue());
    }
    return builder.build();
  }

  // ---- the phase timer -------------------------------------------------------------------------

  private void enter(Phase next) {
    phase = next;
    long timeout =
        switch (next) {
          case IDLE -> server.idleTimeoutNanos();
          case READING -> server.readTimeoutNanos();
          case PROCESSING -> 0;
          case WRITING -> server.writeTimeoutNanos();
        };
    deadline = timeout > 0 ? ticker.read() + timeout : 0;
    if (deadline != 0) {
      ScheduledFuture<?> current = timer;
      if (current == null || deadline - timerAt < 0) {
        if (current != null) {
          current.cancel(false);
        }
        schedule(timeout);
      }
    }
  }

  private void schedule(long delayNanos) {
    timerAt = ticker.read() + delayNanos;
    timer = ctx().executor().schedule(this::onTimer, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void onTimer() {
    timer = null;
    if (closing || deadline == 0) {
      return;
    }
    long remaining = deadline - ticker.read();
    if (remaining > 0) {
      schedule(remaining);
      return;
    }
    switch (phase) {
      case IDLE -> {
        closing = true;
        ctx().close();
      }
      case READING -> {
        if (inFlight == null) {
          LOG.debug("read timeout from {}", remoteAddress);
          answerAndClose(HttpResponseStatus.REQUEST_TIMEOUT);
        }
      }
      case WRITING -> {
        LOG.debug("write timeout to {}", remoteAddress);
        closing = true;
        ctx().close();
      }
      case PROCESSING -> {
        // No network timeout while the pipeline runs: the TIMEOUT built-in owns that.
      }
    }
  }

  private void cancelTimer() {
    ScheduledFuture<?> current = timer;
    timer = null;
    if (current != null) {
      current.cancel(false);
    }
  }

  private void requestRead() {
    wantRead = true;
    ctx().read();
  }

  private ChannelHandlerContext ctx() {
    ChannelHandlerContext ctx = context;
    if (ctx == null) {
      throw new IllegalStateException("connection not active");
    }
    return ctx;
  }

  /** A request whose head arrived and whose body is being read. */
  private static final class Inbound {
    final Request request;
    final RouteMatch<Pipeline> match;
    final Pipeline pipeline;
    final HttpVersion version;
    final boolean keepAlive;
    final BodyBuffer body;
    boolean tooLarge;

    Inbound(
        Request request,
        RouteMatch<Pipeline> match,
        Pipeline pipeline,
        HttpVersion version,
        boolean keepAlive,
        long declaredLength) {
      this.request = request;
      this.match = match;
      this.pipeline = pipeline;
      this.version = version;
      this.keepAlive = keepAlive;
      this.body = new BodyBuffer(declaredLength);
    }
  }
}
