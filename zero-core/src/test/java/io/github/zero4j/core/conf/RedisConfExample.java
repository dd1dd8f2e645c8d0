package io.github.zero4j.core.conf;

import java.time.Duration;

/** go-zero's redis.RedisConf (core/stores/redis/conf.go). */
record RedisConfExample(
    String host,
    @Default("node") @Options({"node", "cluster"}) String type,
    @OptionalKey String user,
    @OptionalKey String pass,
    @OptionalKey boolean tls,
    @Default("true") boolean nonBlock,
    @Default("1s") Duration pingTimeout) {}
