package io.github.zero4j.examples.mall;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.queue.Service;
import io.github.zero4j.queue.ServiceGroup;
import io.github.zero4j.queue.inproc.InProcBroker;
import io.github.zero4j.rest.DevServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mall's launcher, {@code mall.jar}'s main class.
 *
 * <pre>
 * java -jar mall.jar                                  # every service in one process (embedded)
 * java -jar mall.jar user-api -f etc/user-api.yaml    # one service, as deployed
 * </pre>
 *
 * <p>Embedded mode loads each service's {@code embedded/<name>.yaml} from the classpath, shares one
 * {@link InProcBroker} through {@link Wiring#inProcess}, starts the services in dependency order
 * with one {@link DevServer} on 6060 for the process ({@code /metrics}) and stops them in reverse
 * on Ctrl-C. As go-zero's {@code ServiceGroup}, a service that fails to start stops those already
 * started and the process exits with status 1 and the reason; bad arguments exit with status 2.
 */
public final class Mall {
  private static final Logger log = LoggerFactory.getLogger(Mall.class);

  /** Exit status for a failed start. */
  static final int START_FAILED = 1;

  /** Exit status for bad arguments. */
  static final int USAGE = 2;

  private static final String HOST = "127.0.0.1";

  private Mall() {}

  public static void main(String[] args) throws InterruptedException {
    List<String> names = ServiceTable.names();
    Invocation invocation;
    try {
      invocation = Invocation.parse(Arrays.asList(args), names);
    } catch (IllegalArgumentException e) {
      System.err.println("mall: " + e.getMessage());
      System.err.print(Invocation.usage(names));
      System.exit(USAGE);
      return;
    }
    switch (invocation.mode()) {
      case HELP -> System.out.print(Invocation.usage(names));
      case EMBEDDED -> run(embedded(), true);
      case SERVICE ->
          run(
              one(
                  ServiceTable.get(requireNonNull(invocation.service())),
                  requireNonNull(invocation.file())),
              false);
    }
  }

  /** Starts {@code group}; on failure exits 1, else waits for the shutdown hook to stop it. */
  private static void run(Started started, boolean banner) throws InterruptedException {
    try {
      started.group().start();
    } catch (RuntimeException e) {
      log.error("mall: start failed, stopped what had started: {}", reason(e), e);
      System.exit(START_FAILED);
      return;
    }
    started.ready().set(true);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  started.ready().set(false);
                  log.info("mall: stopping");
                  try {
                    started.group().stop();
                  } catch (RuntimeException e) {
                    log.error("mall: stop failed: {}", reason(e), e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "mall-shutdown"));
    if (banner) {
      System.out.print(banner(started.services()));
    } else {
      started.services().forEach(s -> log.info("mall: {} serving at {}", s.label(), s.address()));
    }
    stopped.await();
  }

  /** Every service of the table, in-process, not yet started (the tests start it too). */
  static Started embedded() {
    InProcBroker broker = InProcBroker.create();
    Wiring wiring = Wiring.inProcess(broker);
    AtomicBoolean ready = new AtomicBoolean();
    DevServer dev = DevServer.builder().host(HOST).port(DevServer.DEFAULT_PORT).build();
    dev.probe("mall", ready::get);
    ServiceGroup group = ServiceGroup.create();
    group.add(
        new Service() {
          @Override
          public void start() {
            dev.start();
          }

          @Override
          public void stop() {
            dev.close();
          }
        });
    List<Launched> services = new ArrayList<>();
    for (ServiceTable.Entry<?> entry : ServiceTable.SERVICES) {
      for (int i = 1; i <= entry.instances(); i++) {
        int instance = i;
        Launched launched =
            new Launched(entry.label(instance), () -> entry.startEmbedded(instance, wiring));
        services.add(launched);
        group.add(launched);
      }
    }
    return new Started(group, services, ready);
  }

  private static Started one(ServiceTable.Entry<?> entry, Path file) {
    Launched launched = new Launched(entry.name(), () -> entry.start(file, Wiring.standalone()));
    return new Started(ServiceGroup.of(launched), List.of(launched), new AtomicBoolean());
  }

  /** The first line of each cause, outermost first: what a newcomer needs to fix the start. */
  static String reason(Throwable error) {
    StringBuilder out = new StringBuilder();
    for (@Nullable Throwable t = error; t != null; t = t.getCause()) {
      if (!out.isEmpty()) {
        out.append(" <- ");
      }
      String message = t.getMessage();
      out.append(message == null ? t.getClass().getSimpleName() : message);
    }
    return out.toString();
  }

  static String banner(List<Launched> services) {
    String nl = System.lineSeparator();
    StringBuilder out = new StringBuilder(nl).append("mall is up, embedded mode:").append(nl);
    for (Launched s : services) {
      out.append(String.format("  %-16s %s%n", s.label(), s.address()));
    }
    out.append(String.format("  %-16s http://%s:%d/metrics%n", "metrics", HOST, 6060));
    String user = "http://" + HOST + ":8888/api/v1/user";
    String order = "http://" + HOST + ":8889/api/v1/order";
    String json = " -H 'Content-Type: application/json'";
    out.append(nl)
        .append("Try (or run examples/mall/demo.sh):")
        .append(nl)
        .append("  curl -s -X POST ")
        .append(user)
        .append("/register")
        .append(json)
        .append(" -d '{\"mobile\":\"13800000001\",\"password\":\"secret123\",\"code\":\"123456\"}'")
        .append(nl)
        .append("  TOKEN=$(curl -s -X POST ")
        .append(user)
        .append("/login")
        .append(json)
        .append(" -d '{\"mobile\":\"13800000001\",\"password\":\"secret123\"}'")
        .append(" | sed 's/.*\"token\":\"\\([^\"]*\\)\".*/\\1/')")
        .append(nl)
        .append("  curl -s -H \"Authorization: Bearer $TOKEN\" ")
        .append(user)
        .append("/1")
        .append(nl)
        .append("  curl -s -X POST ")
        .append(order)
        .append("/create -H \"Authorization: Bearer $TOKEN\"")
        .append(json)
        .append(" -d '{\"productId\":1,\"quantity\":1,\"paymentMethod\":\"alipay\"}'")
        .append(nl)
        .append(nl)
        .append("Ctrl-C stops everything.")
        .append(nl);
    return out.toString();
  }

  /** A group to start, what it will run, and the readiness flag of the process's DevServer. */
  record Started(ServiceGroup group, List<Launched> services, AtomicBoolean ready) {}

  /** A table entry as a {@link Service} of the group: start calls its start function. */
  static final class Launched implements Service {
    private final String label;
    private final Supplier<MallService> starter;
    private volatile @Nullable MallService service;

    Launched(String label, Supplier<MallService> starter) {
      this.label = label;
      this.starter = starter;
    }

    String label() {
      return label;
    }

    String address() {
      MallService s = service;
      return s == null ? "(not started)" : s.address();
    }

    @Override
    public void start() {
      try {
        service = starter.get();
      } catch (RuntimeException e) {
        throw new IllegalStateException(label + ": " + reason(e), e);
      }
      log.info("mall: {} started at {}", label, address());
    }

    @Override
    public void stop() {
      MallService s = service;
      if (s != null) {
        s.close();
        log.info("mall: {} stopped", label);
      }
    }
  }
}
