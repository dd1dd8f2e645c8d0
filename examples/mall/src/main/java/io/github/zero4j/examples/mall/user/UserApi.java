package io.github.zero4j.examples.mall.user;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.examples.mall.MallService;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.common.ApiErrors;
import io.github.zero4j.examples.mall.common.ApiOk;
import io.github.zero4j.examples.mall.common.Handlers;
import io.github.zero4j.examples.mall.common.Probes;
import io.github.zero4j.examples.mall.infra.Resources;
import io.github.zero4j.examples.mall.infra.Stores;
import io.github.zero4j.examples.mall.rpc.UnaryClient;
import io.github.zero4j.rest.DevServer;
import io.github.zero4j.rest.HttpMethod;
import io.github.zero4j.rest.RestConf;
import io.github.zero4j.rest.RestServer;
import io.github.zero4j.rest.RouteGroup;
import io.github.zero4j.rest.jwt.JwtAuth;
import io.github.zero4j.rpc.RpcClient;
import io.github.zero4j.stores.limit.PeriodLimiter;
import io.github.zero4j.stores.limit.TokenLimiter;
import io.github.zero4j.stores.redis.Redis;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code user-api}: register, login and the profile under {@code /api/v1/user}, over user-rpc.
 *
 * <ul>
 *   <li>{@code POST /register} {mobile, password, code} -> {userId, token}, behind a token limiter
 *       ({@code RegisterLimit});
 *   <li>{@code POST /login} {mobile, password} -> {userId, token}, behind a period limiter per
 *       mobile ({@code LoginLimit});
 *   <li>JWT ({@code Auth.AccessSecret}, claim {@code userId}): {@code GET /:userId} -> {userId,
 *       nickname, avatar, mobile, level}, {@code PUT /info} {nickname, avatar};
 *   <li>{@code /health}, {@code /ready} (checks {@code user-rpc}, plus {@code redis} and {@code
 *       etcd} when configured); a DevServer ({@code /metrics}) when {@code DevServer} is set.
 * </ul>
 *
 * The limiters use Redis when {@code Redis} is configured, else they are in process.
 */
public final class UserApi implements MallService {
  private static final Logger log = LoggerFactory.getLogger(UserApi.class);

  /** The service's name. */
  public static final String NAME = "user-api";

  /** The routes' prefix. */
  public static final String PREFIX = "/api/v1/user";

  /** Redis key of the register limiter (it becomes {@code {mall:user-api:register}.tokens} ...). */
  static final String REGISTER_LIMIT_KEY = "mall:user-api:register";

  /** Redis key prefix of the login limiter; the mobile follows. */
  static final String LOGIN_LIMIT_PREFIX = "mall:user-api:login:";

  private final RestServer server;
  private final Resources resources;

  private UserApi(RestServer server, Resources resources) {
    this.server = server;
    this.resources = resources;
  }

  /**
   * Starts user-api: the user-rpc client, the limiters (and their Redis client), the REST server
   * and, when configured, its DevServer. {@code wiring} is not used: user-api shares nothing.
   */
  public static UserApi start(UserApiConf conf, Wiring wiring) {
    requireNonNull(conf, "conf");
    requireNonNull(wiring, "wiring");
    Resources resources = new Resources();
    try {
      Optional<Redis> redis = Stores.redis(conf.redis());
      redis.ifPresent(resources::add);
      TokenLimiter registerLimiter =
          resources.add(Stores.tokenLimiter(redis, REGISTER_LIMIT_KEY, conf.registerLimit()));
      PeriodLimiter loginLimiter =
          Stores.periodLimiter(redis, LOGIN_LIMIT_PREFIX, conf.loginLimit());
      RpcClient userRpc = resources.add(RpcClient.create(conf.userRpc()));
      UserHandlers handlers =
          new UserHandlers(
              UnaryClient.of(userRpc.channel()),
              new JwtIssuer(
                  conf.auth().accessSecret(),
                  Duration.ofSeconds(conf.auth().accessExpire()),
                  InstantSource.system()),
              registerLimiter,
              loginLimiter);

      Probes probes = Probes.create().check(UserRpc.NAME, () -> Checks.grpcServing(userRpc));
      redis.ifPresent(r -> probes.check("redis", () -> Checks.redis(r)));
      conf.userRpc().etcd().ifPresent(etcd -> probes.check("etcd", () -> Checks.etcd(etcd)));

      RestServer.Builder builder =
          RestServer.builder(conf.rest()).errorHandler(new ApiErrors()).okHandler(new ApiOk());
      probes.routes(builder);
      builder
          .group(
              RouteGroup.builder()
                  .prefix(PREFIX)
                  .route(HttpMethod.POST, "/register", Handlers.answering(handlers::register))
                  .route(HttpMethod.POST, "/login", Handlers.answering(handlers::login))
                  .build())
          .group(
              RouteGroup.builder()
                  .prefix(PREFIX)
                  .jwt(JwtAuth.of(conf.auth().accessSecret()))
                  .route(HttpMethod.GET, "/:userId", Handlers.answering(handlers::getUser))
                  .route(HttpMethod.PUT, "/info", Handlers.answering(handlers::updateInfo))
                  .build());
      RestServer server = builder.build();
      @Nullable DevServer dev =
          conf.rest()
              .service()
              .devServer()
              .filter(RestConf.DevServerConf::enabled)
              .map(devConf -> resources.add(DevServer.builder(devConf).build().start()))
              .orElse(null);
      if (dev != null) {
        dev.probe(server);
      }
      resources.add(server.start());
      log.info("{} serving on http://127.0.0.1:{}{}", NAME, server.port(), PREFIX);
      return new UserApi(server, resources);
    } catch (RuntimeException e) {
      resources.closeAfter(e);
      throw e;
    }
  }

  /** The port the REST server listens on. */
  public int port() {
    return server.port();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String address() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Stops the REST server (requests in flight finish), then the DevServer, client, limiters. */
  @Override
  public void close() {
    resources.close();
  }

  @Override
  public String toString() {
    return NAME + "(" + address() + ")";
  }
}
