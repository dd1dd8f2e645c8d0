/**
 * Service registration in etcd with go-zero's layout ({@code <Key>/<leaseID>} -> {@code host:port},
 * 10 s lease): see {@link io.github.zero4j.rpc.discovery.EtcdRegistrar}.
 */
@NullMarked
package io.github.zero4j.rpc.discovery;

import org.jspecify.annotations.NullMarked;
