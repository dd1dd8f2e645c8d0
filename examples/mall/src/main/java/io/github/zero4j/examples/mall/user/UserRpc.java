package io.github.zero4j.examples.mall.user;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.examples.mall.MallService;
import io.github.zero4j.examples.mall.Wiring;
import io.github.zero4j.examples.mall.infra.Resources;
import io.github.zero4j.examples.mall.infra.Stores;
import io.github.zero4j.rpc.RpcServer;
import io.github.zero4j.stores.cache.Cache;
import io.github.zero4j.stores.sql.SqlConn;
import io.github.zero4j.stores.sqlc.CachedConn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code user-rpc}: {@code mall.user.UserService} on an {@link RpcServer}, over {@code mall_user}
 * (created at start when missing) behind a {@link CachedConn}. With {@code Etcd} configured the
 * server registers under its key ({@code user.rpc}); {@code close()} deregisters, finishes the
 * calls in flight and closes the cache and the pool.
 */
public final class UserRpc implements MallService {
  private static final Logger log = LoggerFactory.getLogger(UserRpc.class);

  /** The service's name. */
  public static final String NAME = "user-rpc";

  private final RpcServer server;
  private final Resources resources;

  private UserRpc(RpcServer server, Resources resources) {
    this.server = server;
    this.resources = resources;
  }

  /**
   * Starts a user-rpc: opens the pool and the cache, creates the table, starts the server (and
   * registers it when {@code Etcd} is set). {@code wiring} is not used: user-rpc shares nothing.
   */
  public static UserRpc start(UserRpcConf conf, Wiring wiring) {
    requireNonNull(conf, "conf");
    requireNonNull(wiring, "wiring");
    Resources resources = new Resources();
    try {
      SqlConn sql = resources.add(SqlConn.create(conf.mysql()));
      UserStore.createTable(sql);
      Cache cache = resources.add(Stores.cache(conf.cacheRedis(), NAME));
      UserService service =
          new UserService(new UserStore(CachedConn.create(sql, cache)), conf.bcryptCost());
      RpcServer server =
          resources.add(
              RpcServer.builder(conf.rpc()).addService(service.definition()).build().start());
      log.info("{} serving on {}", NAME, "127.0.0.1:" + server.port());
      return new UserRpc(server, resources);
    } catch (RuntimeException e) {
      resources.closeAfter(e);
      throw e;
    }
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String address() {
    return "127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    resources.close();
  }

  @Override
  public String toString() {
    return NAME + "(" + address() + ")";
  }
}
