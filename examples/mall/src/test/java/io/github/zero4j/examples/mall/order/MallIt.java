package io.github.zero4j.examples.mall.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.rpc.RpcClient;
import io.github.zero4j.rpc.RpcClientConf;
import io.github.zero4j.stores.sql.SqlConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the order slice's integration tests share: a private MariaDB database, loopback clients. */
public final class MallIt {
  private MallIt() {}

  /** Drops and creates {@code name} on the local MariaDB (root, no password). */
  public static SqlConf freshDatabase(String name) {
    try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return SqlConf.of("jdbc:mariadb://127.0.0.1:3306/" + name, "root", "");
  }

  /** A client of {@code 127.0.0.1:port} with a 10 s timeout (the machine is shared). */
  public static RpcClient client(int port) {
    return RpcClient.create(
        RpcClientConf.ofEndpoints(List.of("127.0.0.1:" + port))
            .withTimeout(Duration.ofSeconds(10)));
  }

  /** Sends {@code method} to {@code uri} with an optional JSON body and answers status and body. */
  public static HttpResponse<String> http(
      String method, String uri, @Nullable String json, @Nullable String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Parses a JSON answer. */
  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.body(), e);
    }
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
}
