package io.github.zero4j.core.conf;

import java.util.List;

/** go-queue's kq.KqConf (kq/config.go). */
record KqConfExample(
    @Inline ServiceConfExample service,
    List<String> brokers,
    String group,
    String topic,
    @OptionalKey String caFile,
    @Default("last") @Options({"first", "last"}) String offset,
    @Default("1") int conns,
    @Default("8") int consumers,
    @Default("8") int processors,
    @Default("10240") @ByteSize int minBytes,
    @Default("10485760") @ByteSize int maxBytes,
    @OptionalKey String username,
    @OptionalKey String password,
    @Default("true") boolean forceCommit,
    @OptionalKey boolean commitInOrder) {}
