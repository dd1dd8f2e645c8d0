package io.github.zero4j.core.conf;

import java.nio.file.Path;

/**
 * Loads configuration files into records: go-zero's {@code conf.Load}.
 *
 * <pre>{@code
 * record UserApiConf(@Inline RestConf rest, JwtAuth jwtAuth, RpcClientConf usercenterRpc) {}
 *
 * UserApiConf conf = Conf.load(Path.of("etc/user-api.yaml"), UserApiConf.class);
 * }</pre>
 *
 * <p>These methods expand {@code ${VAR}} from the process environment; use {@link ConfLoader} to
 * supply another environment or to switch expansion off. See {@link ConfLoader} for the binding
 * rules. Thread-safe.
 */
public final class Conf {
  private Conf() {}

  /**
   * Reads {@code file} (format from its extension, see {@link Format#of(Path)}) and binds it to
   * {@code type}.
   *
   * @throws ConfigException naming every problem found
   */
  public static <T> T load(Path file, Class<T> type) {
    return ConfLoader.ofDefaults().load(file, type);
  }

  /**
   * Binds {@code content}, written in {@code format}, to {@code type}.
   *
   * @throws ConfigException naming every problem found
   */
  public static <T> T load(String content, Format format, Class<T> type) {
    return ConfLoader.ofDefaults().load(content, format, type);
  }
}
