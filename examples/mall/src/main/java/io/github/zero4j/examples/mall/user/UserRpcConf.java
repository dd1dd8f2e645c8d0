package io.github.zero4j.examples.mall.user;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.Default;
import io.github.zero4j.core.conf.Inline;
import io.github.zero4j.core.conf.Key;
import io.github.zero4j.core.conf.OptionalKey;
import io.github.zero4j.core.conf.Range;
import io.github.zero4j.rpc.RpcServerConf;
import io.github.zero4j.stores.cache.CacheNodeConf;
import io.github.zero4j.stores.sql.SqlConf;
import java.util.List;

/**
 * {@code user-rpc}'s configuration ({@code etc/user-rpc.yaml}): go-zero's {@code RpcServerConf}
 * keys ({@code Name}, {@code ListenOn}, {@code Etcd} ...) plus
 *
 * @param rpc the server; with {@code Etcd} it registers under {@code Etcd.Key} ({@code user.rpc})
 * @param mysql the database holding {@code mall_user}, created at start when missing
 * @param cacheRedis the cache nodes (go-zero's {@code CacheConf}); empty = in-process cache
 * @param bcryptCost the bcrypt cost (log2 of the rounds) of new password hashes, default 10 (about
 *     50-100 ms per hash on one core); hashes keep their own cost, so changing it only affects new
 *     passwords
 */
public record UserRpcConf(
    @Inline RpcServerConf rpc,
    @Key("Mysql") SqlConf mysql,
    @OptionalKey List<CacheNodeConf> cacheRedis,
    @Default("10") @Range("[4:31]") int bcryptCost) {

  public UserRpcConf {
    requireNonNull(rpc, "rpc");
    requireNonNull(mysql, "mysql");
    cacheRedis = List.copyOf(requireNonNull(cacheRedis, "cacheRedis"));
    if (bcryptCost < 4 || bcryptCost > 31) {
      throw new IllegalArgumentException("BcryptCost: " + bcryptCost + " (expected: in [4:31])");
    }
  }
}
