package io.github.zero4j.benchmarks.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP baseline: the least a Netty server can do to answer {@code GET /plaintext} ("Hello,
 * World!") and {@code GET /json} ({@code {"message":"Hello, World!"}}, a record serialized by
 * Jackson on every request, as {@link ZeroRestHelloServer} does and TechEmpower's JSON test
 * requires), with one event loop, epoll when available and keep-alive. zero-rest is measured
 * against it with {@code wrk} by {@code scripts/bench.sh rest}, each pinned to its own core.
 *
 * <pre>java -cp benchmarks.jar io.github.zero4j.benchmarks.rest.RawNettyHelloServer 8080</pre>
 */
public final class RawNettyHelloServer {
  private static final byte[] PLAINTEXT = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RawNettyHelloServer() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    try {
      Channel channel =
          new ServerBootstrap()
              .group(group)
              .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpServerKeepAliveHandler())
                          .addLast(new HttpObjectAggregator(1 << 20))
                          .addLast(new HelloHandler());
                    }
                  })
              .bind("127.0.0.1", port)
              .sync()
              .channel();
      System.out.println(
          "raw netty hello server on http://127.0.0.1:" + port + (epoll ? " (epoll)" : " (nio)"));
      channel.closeFuture().sync();
    } finally {
      group.shutdownGracefully();
    }
  }

  private static final class HelloHandler extends SimpleChannelInboundHandler<HttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpRequest request)
        throws JsonProcessingException {
      boolean json = request.uri().startsWith("/json");
      ByteBuf body =
          Unpooled.wrappedBuffer(
              json
                  ? MAPPER.writeValueAsBytes(new ZeroRestHelloServer.Message("Hello, World!"))
                  : PLAINTEXT);
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
      response
          .headers()
          .set(
              HttpHeaderNames.CONTENT_TYPE,
              json ? HttpHeaderValues.APPLICATION_JSON : HttpHeaderValues.TEXT_PLAIN)
          .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
      // HttpServerKeepAliveHandler closes the connection when the request asked for it.
      ctx.writeAndFlush(response);
    }
  }
}
