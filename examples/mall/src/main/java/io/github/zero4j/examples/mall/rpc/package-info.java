/**
 * gRPC plumbing for the mall's services: hand-written method descriptors over the protoc-generated
 * messages ({@code io.github.zero4j.examples.mall.proto}), server bindings that turn a {@link
 * io.github.zero4j.examples.mall.common.BizException} into a status with the business code in the
 * trailers, and blocking clients that turn it back.
 */
@NullMarked
package io.github.zero4j.examples.mall.rpc;

import org.jspecify.annotations.NullMarked;
