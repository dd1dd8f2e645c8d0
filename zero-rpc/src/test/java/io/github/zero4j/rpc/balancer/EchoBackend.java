package io.github.zero4j.rpc.balancer;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC server on a free loopback port whose one unary method ({@value #SERVICE}/Call)
 * answers with the backend's name, after an adjustable delay. Shared by this module's ITs.
 */
public final class EchoBackend implements AutoCloseable {
  public static final String SERVICE = "zero4j.test.Echo";

  public static final MethodDescriptor<String, String> METHOD =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(SERVICE + "/Call")
          .setRequestMarshaller(Picks.STRINGS)
          .setResponseMarshaller(Picks.STRINGS)
          .build();

  private final String name;
  private final Server server;
  private final ScheduledExecutorService timer;
  private volatile long delayNanos;

  private EchoBackend(String name, Duration delay) {
    this.name = name;
    this.delayNanos = delay.toNanos();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "echo-" + name);
              thread.setDaemon(true);
              return thread;
            });
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(SERVICE)
            .addMethod(
                METHOD,
                ServerCalls.asyncUnaryCall(
                    (request, responses) -> {
                      Runnable reply =
                          () -> {
                            responses.onNext(this.name);
                            responses.onCompleted();
                          };
                      long wait = delayNanos;
                      if (wait <= 0) {
                        reply.run();
                      } else {
                        timer.schedule(reply, wait, TimeUnit.NANOSECONDS);
                      }
                    }))
            .build();
    try {
      this.server =
          NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .addService(service)
              .directExecutor()
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EchoBackend start(String name) {
    return new EchoBackend(name, Duration.ZERO);
  }

  public static EchoBackend start(String name, Duration delay) {
    return new EchoBackend(name, delay);
  }

  public String name() {
    return name;
  }

  public int port() {
    return server.getPort();
  }

  /** {@code 127.0.0.1:port}. */
  public String address() {
    return "127.0.0.1:" + port();
  }

  public void delay(Duration delay) {
    this.delayNanos = delay.toNanos();
  }

  /** One blocking call with a 5 s deadline; returns the name of the backend that answered. */
  public static String call(Channel channel) {
    return ClientCalls.blockingUnaryCall(
        channel, METHOD, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), "ping");
  }

  @Override
  public void close() {
    server.shutdownNow();
    timer.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
