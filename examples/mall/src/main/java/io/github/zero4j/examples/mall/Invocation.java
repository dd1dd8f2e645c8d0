package io.github.zero4j.examples.mall;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the command line asked for: every service in one process ({@code mall.jar} or {@code
 * mall.jar embedded}), one service from its file ({@code mall.jar user-api -f etc/user-api.yaml};
 * without {@code -f} the file is {@code etc/<service>.yaml}, as go-zero's flag default), or help.
 *
 * @param mode what to do
 * @param service the service of {@link Mode#SERVICE}
 * @param file its configuration file
 */
record Invocation(Mode mode, @Nullable String service, @Nullable Path file) {

  /** The three things the launcher does. */
  enum Mode {
    EMBEDDED,
    SERVICE,
    HELP
  }

  /** The word that selects embedded mode. */
  static final String EMBEDDED = "embedded";

  /**
   * Parses {@code args} against the known service names.
   *
   * @throws IllegalArgumentException saying what is wrong; the caller prints it and the usage
   */
  static Invocation parse(List<String> args, Collection<String> services) {
    if (args.isEmpty() || (args.size() == 1 && args.get(0).equals(EMBEDDED))) {
      return new Invocation(Mode.EMBEDDED, null, null);
    }
    String first = args.get(0);
    if (args.size() == 1 && List.of("-h", "--help", "help").contains(first)) {
      return new Invocation(Mode.HELP, null, null);
    }
    if (!services.contains(first)) {
      throw new IllegalArgumentException(
          "unknown service: " + first + " (expected: one of " + String.join(", ", services) + ")");
    }
    if (args.size() == 1) {
      return new Invocation(Mode.SERVICE, first, Path.of("etc", first + ".yaml"));
    }
    if (args.size() == 3 && args.get(1).equals("-f") && !args.get(2).isEmpty()) {
      return new Invocation(Mode.SERVICE, first, Path.of(args.get(2)));
    }
    throw new IllegalArgumentException(
        "arguments after "
            + first
            + ": "
            + String.join(" ", args.subList(1, args.size()))
            + " (expected: -f <file>)");
  }

  /** The usage text, naming {@code services}. */
  static String usage(Collection<String> services) {
    return String.join(
        System.lineSeparator(),
        "usage: java -jar mall.jar [embedded]               every service in one process",
        "       java -jar mall.jar <service> [-f <file>]    one service (default file: etc/<service>.yaml)",
        "services: " + String.join(", ", services),
        "");
  }
}
