package io.github.zero4j.examples.mall.user;

import io.github.zero4j.rpc.EtcdConf;
import io.github.zero4j.rpc.RpcClient;
import io.github.zero4j.stores.redis.Redis;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Readiness checks of user-api's dependencies; each returns when up and throws when down. */
final class Checks {
  /** How long one check may take. */
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private Checks() {}

  /**
   * user-rpc answers {@code grpc.health.v1.Health/Check} with SERVING for {@code
   * mall.user.UserService} (one instance, as the balancer picks).
   */
  static HealthCheckResponse.ServingStatus grpcServing(RpcClient client) {
    HealthCheckResponse.ServingStatus status =
        HealthGrpc.newBlockingStub(client.channel())
            .withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .check(HealthCheckRequest.newBuilder().setService(UserMethods.SERVICE).build())
            .getStatus();
    if (status != HealthCheckResponse.ServingStatus.SERVING) {
      throw new IllegalStateException(UserMethods.SERVICE + " is " + status);
    }
    return status;
  }

  /** Redis answers PING. */
  static boolean redis(Redis redis) {
    if (!redis.ping()) {
      throw new IllegalStateException("redis: no PONG");
    }
    return true;
  }

  /** One of the etcd hosts answers {@code GET /health} with {@code "health":"true"}. */
  static String etcd(EtcdConf etcd) throws IOException, InterruptedException {
    @Nullable IOException last = null;
    for (String host : etcd.hosts()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://" + host + "/health")).timeout(TIMEOUT).build();
      try {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"health\":\"true\"")) {
          return host;
        }
        last =
            new IOException("etcd " + host + ": " + response.statusCode() + " " + response.body());
      } catch (IOException e) {
        last = e;
      }
    }
    throw last == null ? new IOException("etcd: no hosts") : last;
  }
}
