package io.github.zero4j.core.conf;

/** go-zero-looklook's order-mq config (app/order/cmd/mq/internal/config/config.go), ported. */
record OrderMqConfExample(
    @Inline ServiceConfExample service,
    RedisConfExample redis,
    KqConfExample paymentUpdateStatusConf,
    RpcClientConfExample orderRpcConf,
    RpcClientConfExample usercenterRpcConf) {}
