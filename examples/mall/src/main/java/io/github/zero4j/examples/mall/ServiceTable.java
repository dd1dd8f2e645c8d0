package io.github.zero4j.examples.mall;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.core.conf.Conf;
import io.github.zero4j.core.conf.ConfLoader;
import io.github.zero4j.core.conf.Format;
import io.github.zero4j.examples.mall.notification.NotificationMq;
import io.github.zero4j.examples.mall.notification.NotificationMqConf;
import io.github.zero4j.examples.mall.order.OrderApi;
import io.github.zero4j.examples.mall.order.OrderApiConf;
import io.github.zero4j.examples.mall.order.OrderRpc;
import io.github.zero4j.examples.mall.order.OrderRpcConf;
import io.github.zero4j.examples.mall.payment.PaymentRpc;
import io.github.zero4j.examples.mall.payment.PaymentRpcConf;
import io.github.zero4j.examples.mall.product.ProductRpc;
import io.github.zero4j.examples.mall.product.ProductRpcConf;
import io.github.zero4j.examples.mall.user.UserApi;
import io.github.zero4j.examples.mall.user.UserApiConf;
import io.github.zero4j.examples.mall.user.UserRpc;
import io.github.zero4j.examples.mall.user.UserRpcConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Every service the launcher can start: name, configuration type, start function, in dependency
 * order (embedded mode starts them top to bottom and stops them bottom to top). Adding a service is
 * one line.
 */
final class ServiceTable {

  /**
   * One launchable service.
   *
   * @param name the name on the command line and of {@code etc/<name>.yaml} and {@code
   *     embedded/<name>.yaml}
   * @param confClass what its YAML binds to
   * @param starter its {@code start(conf, wiring)}
   * @param instances how many embedded mode starts
   * @param portVariable the variable the YAML reads its port from ({@code ${VAR:-default}}) when
   *     there are several instances; empty otherwise
   * @param firstPort the port of instance 1; instance {@code i} gets {@code firstPort + i - 1}
   */
  record Entry<C>(
      String name,
      Class<C> confClass,
      BiFunction<C, Wiring, ? extends MallService> starter,
      int instances,
      String portVariable,
      int firstPort) {

    Entry {
      requireNonNull(name, "name");
      requireNonNull(confClass, "confClass");
      requireNonNull(starter, "starter");
      requireNonNull(portVariable, "portVariable");
      if (instances < 1) {
        throw new IllegalArgumentException("instances: " + instances + " (expected: >= 1)");
      }
    }

    /** {@code instances} copies in embedded mode, instance {@code i} with {@code var=port+i-1}. */
    Entry<C> instances(int count, String variable, int port) {
      return new Entry<>(name, confClass, starter, count, variable, port);
    }

    /** {@code user-rpc-2} for the second of several instances, the name alone for one. */
    String label(int instance) {
      return instances == 1 ? name : name + "-" + instance;
    }

    /** The classpath resource embedded mode loads. */
    String embeddedResource() {
      return "embedded/" + name + ".yaml";
    }

    /** Loads {@code file} (with {@code ${VAR}} expansion) and starts the service. */
    MallService start(Path file, Wiring wiring) {
      return starter.apply(Conf.load(file, confClass), wiring);
    }

    /** Loads {@link #embeddedResource()} for {@code instance} (1-based) and starts it. */
    MallService startEmbedded(int instance, Wiring wiring) {
      return starter.apply(embeddedConf(instance), wiring);
    }

    /** {@link #embeddedResource()} bound for {@code instance} (1-based). */
    C embeddedConf(int instance) {
      Map<String, String> env = new HashMap<>(System.getenv());
      if (!portVariable.isEmpty()) {
        env.put(portVariable, Integer.toString(firstPort + instance - 1));
      }
      return ConfLoader.builder()
          .env(env)
          .build()
          .load(readResource(embeddedResource()), Format.YAML, confClass);
    }
  }

  private static <C> Entry<C> entry(
      String name, Class<C> confClass, BiFunction<C, Wiring, ? extends MallService> starter) {
    return new Entry<>(name, confClass, starter, 1, "", 0);
  }

  /** The services, in dependency order. */
  static final List<Entry<?>> SERVICES =
      List.of(
          entry("payment-rpc", PaymentRpcConf.class, PaymentRpc::start),
          entry("product-rpc", ProductRpcConf.class, ProductRpc::start),
          entry("user-rpc", UserRpcConf.class, UserRpc::start).instances(3, "USER_RPC_PORT", 9001),
          entry("order-rpc", OrderRpcConf.class, OrderRpc::start),
          entry("user-api", UserApiConf.class, UserApi::start),
          entry("order-api", OrderApiConf.class, OrderApi::start),
          entry("notification-mq", NotificationMqConf.class, NotificationMq::start));

  private ServiceTable() {}

  /** The service names, in table order. */
  static List<String> names() {
    return SERVICES.stream().map(Entry::name).toList();
  }

  /** The entry named {@code name}. */
  static Entry<?> get(String name) {
    return SERVICES.stream()
        .filter(entry -> entry.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "service: " + name + " (expected: one of " + String.join(", ", names()) + ")"));
  }

  private static String readResource(String resource) {
    try (InputStream in = ServiceTable.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }
}
