/**
 * The user services: {@code user-rpc} (UserService over {@code CachedConn}) and {@code user-api}
 * (register, login, profile under {@code /api/v1/user}).
 */
@NullMarked
package io.github.zero4j.examples.mall.user;

import org.jspecify.annotations.NullMarked;
