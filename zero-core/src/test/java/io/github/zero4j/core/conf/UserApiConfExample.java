package io.github.zero4j.core.conf;

import java.util.List;

/**
 * go-zero-looklook's usercenter-api config (app/usercenter/cmd/api/internal/config), ported: the
 * embedded rest.RestConf becomes an {@link Inline} component.
 */
record UserApiConfExample(
    @Inline RestConfExample rest,
    JwtAuthConf jwtAuth,
    WxMiniConf wxMiniConf,
    RpcClientConfExample usercenterRpcConf,
    RedisConfExample redis,
    @Key("DB") SqlConf db,
    List<CacheNodeConf> cache) {

  /** The JwtAuth block goctl generates for {@code jwt: JwtAuth}. */
  record JwtAuthConf(String accessSecret, @Default("604800") long accessExpire) {}

  /** WeChat mini-program credentials. */
  record WxMiniConf(String appId, String secret) {}

  /** sqlx's usual DB block. */
  record SqlConf(String dataSource) {}

  /** cache.NodeConf: a RedisConf plus a weight. */
  record CacheNodeConf(@Inline RedisConfExample redis, @Default("100") int weight) {}
}
