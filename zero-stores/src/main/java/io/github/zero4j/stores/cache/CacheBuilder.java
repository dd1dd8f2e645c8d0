package io.github.zero4j.stores.cache;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.zero4j.core.json.RecyclerPerThreadKind;
import io.github.zero4j.core.stat.Alerts;
import io.github.zero4j.core.timex.Ticker;
import io.github.zero4j.stores.redis.Redis;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Builds a {@link Cache}: in-process ({@link Cache#localBuilder()}) or on Redis ({@link
 * Cache#builder(Redis)}, {@link Cache#clusterBuilder(List)}, {@link Cache#builder(List)}). Setters
 * validate at once. Not thread-safe; the caches are.
 *
 * <pre>{@code
 * Cache cache = Cache.localBuilder().name("user").expiry(Duration.ofHours(1)).build();
 * }</pre>
 */
public final class CacheBuilder {
  /** go-zero's {@code defaultExpiry}: values live 7 days (+/- 5 %). */
  public static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);

  /** go-zero's {@code defaultNotFoundExpiry}: the placeholder lives 1 minute (+/- 5 %). */
  public static final Duration DEFAULT_NOT_FOUND_EXPIRY = Duration.ofMinutes(1);

  /**
   * How long a fill lease lives: 1 minute. A load that outlasts its lease only loses the right to
   * cache its value; it can never write a stale one.
   */
  public static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(1);

  /** The in-process cache's bound: {@value} entries. */
  public static final long DEFAULT_MAXIMUM_SIZE = 10_000;

  /** The default name in the stat line. */
  public static final String DEFAULT_NAME = "cache";

  /** One store of the ring with its weight (go-zero's {@code NodeConf.Weight}). */
  record WeightedStore(Store store, int weight) {}

  private final Function<CacheBuilder, List<WeightedStore>> stores;
  private final boolean local;
  private String name = DEFAULT_NAME;
  private Duration expiry = DEFAULT_EXPIRY;
  private Duration notFoundExpiry = DEFAULT_NOT_FOUND_EXPIRY;
  private Duration leaseTtl = DEFAULT_LEASE_TTL;
  private boolean leaseGuard = true;
  private long maximumSize = DEFAULT_MAXIMUM_SIZE;
  private ObjectMapper objectMapper = defaultMapper();
  private MeterRegistry meterRegistry = Metrics.globalRegistry;
  private Ticker ticker = Ticker.system();
  private boolean statLog = true;
  private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
  private Alerts alerts = Alerts.global();

  CacheBuilder(Function<CacheBuilder, List<WeightedStore>> stores, boolean local) {
    this.stores = stores;
    this.local = local;
  }

  static CacheBuilder local() {
    return new CacheBuilder(
        b -> List.of(new WeightedStore(new LocalStore(b.maximumSize, b.leaseTtl, b.ticker), 100)),
        true);
  }

  static CacheBuilder redis(List<Redis> nodes) {
    requireNonNull(nodes, "nodes");
    List<Redis> copy = List.copyOf(nodes);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("nodes: [] (expected: at least one cache node)");
    }
    return new CacheBuilder(
        b -> {
          List<WeightedStore> stores = new ArrayList<>();
          for (Redis r : copy) {
            stores.add(
                new WeightedStore(
                    new RedisStore(r, false, b.leaseGuard, b.leaseTtl),
                    CacheNodeConf.DEFAULT_WEIGHT));
          }
          return stores;
        },
        false);
  }

  static CacheBuilder conf(List<CacheNodeConf> nodes) {
    requireNonNull(nodes, "nodes");
    List<CacheNodeConf> copy = List.copyOf(nodes);
    Set<String> hosts = new HashSet<>();
    int total = 0;
    for (CacheNodeConf node : copy) {
      if (!hosts.add(node.redis().host())) {
        throw new IllegalArgumentException(
            "nodes: duplicate host " + node.redis().host() + " (expected: distinct hosts)");
      }
      total += node.weight();
    }
    if (total <= 0) {
      throw new IllegalArgumentException(
          "nodes: "
              + copy.size()
              + " with total weight "
              + total
              + " (expected: no cache nodes is an error)");
    }
    return new CacheBuilder(
        b -> {
          List<WeightedStore> stores = new ArrayList<>();
          try {
            for (CacheNodeConf node : copy) {
              if (node.weight() > 0) {
                Redis r = Redis.create(node.redis());
                stores.add(
                    new WeightedStore(
                        new RedisStore(r, true, b.leaseGuard, b.leaseTtl), node.weight()));
              }
            }
          } catch (RuntimeException e) {
            stores.forEach(s -> s.store().close());
            throw e;
          }
          return stores;
        },
        false);
  }

  /**
   * The name in the stat line and the meters' {@code name} label; default {@value #DEFAULT_NAME}.
   */
  public CacheBuilder name(String name) {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: \"" + name + "\" (expected: not blank)");
    }
    this.name = name;
    return this;
  }

  /** How long loaded values live, +/- 5 %; {@link #DEFAULT_EXPIRY} (7 days) by default. */
  public CacheBuilder expiry(Duration expiry) {
    this.expiry = positive(expiry, "expiry");
    return this;
  }

  /** How long the not-found placeholder lives, +/- 5 %; 1 minute by default. */
  public CacheBuilder notFoundExpiry(Duration notFoundExpiry) {
    this.notFoundExpiry = positive(notFoundExpiry, "notFoundExpiry");
    return this;
  }

  /**
   * Whether fills are lease-guarded (default {@code true}). {@code false} is go-zero's behaviour: a
   * slow reader may write a stale row back after a writer's delete.
   */
  public CacheBuilder leaseGuard(boolean leaseGuard) {
    this.leaseGuard = leaseGuard;
    return this;
  }

  /** How long a fill lease lives; {@link #DEFAULT_LEASE_TTL} by default, at least 1 s. */
  public CacheBuilder leaseTtl(Duration leaseTtl) {
    requireNonNull(leaseTtl, "leaseTtl");
    if (leaseTtl.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("leaseTtl: " + leaseTtl + " (expected: >= PT1S)");
    }
    this.leaseTtl = leaseTtl;
    return this;
  }

  /** The in-process cache's maximum entry count; {@value #DEFAULT_MAXIMUM_SIZE} by default. */
  public CacheBuilder maximumSize(long maximumSize) {
    if (!local) {
      throw new IllegalStateException("maximumSize applies to the in-process cache only");
    }
    if (maximumSize < 1) {
      throw new IllegalArgumentException("maximumSize: " + maximumSize + " (expected: >= 1)");
    }
    this.maximumSize = maximumSize;
    return this;
  }

  /**
   * The JSON mapper of cached values; by default a plain {@link ObjectMapper} that ignores unknown
   * properties (as Go's decoder does) and registers the modules on the class path.
   */
  public CacheBuilder objectMapper(ObjectMapper objectMapper) {
    this.objectMapper = requireNonNull(objectMapper, "objectMapper");
    return this;
  }

  /** Where the hit/miss counters go; the global registry by default. */
  public CacheBuilder meterRegistry(MeterRegistry meterRegistry) {
    this.meterRegistry = requireNonNull(meterRegistry, "meterRegistry");
    return this;
  }

  /** The clock of the delete retries and of in-process expiry; {@link Ticker#system()}. */
  public CacheBuilder ticker(Ticker ticker) {
    this.ticker = requireNonNull(ticker, "ticker");
    return this;
  }

  /** Whether the per-minute {@code dbcache(name)} line is logged; {@code true} by default. */
  public CacheBuilder statLog(boolean statLog) {
    this.statLog = statLog;
    return this;
  }

  /** The uniform [0, 1) source of expiry jitter: for tests. */
  CacheBuilder random(DoubleSupplier random) {
    this.random = requireNonNull(random, "random");
    return this;
  }

  /** Where undecodable values and abandoned deletes are reported: for tests. */
  CacheBuilder alerts(Alerts alerts) {
    this.alerts = requireNonNull(alerts, "alerts");
    return this;
  }

  boolean leaseGuardEnabled() {
    return leaseGuard;
  }

  Duration leaseTtlValue() {
    return leaseTtl;
  }

  /** Builds the cache (connecting its stores, for Redis). */
  public Cache build() {
    return buildDefault();
  }

  DefaultCache buildDefault() {
    List<WeightedStore> list = stores.apply(this);
    Map<String, Store> byName = new LinkedHashMap<>();
    Map<String, Integer> weights = new LinkedHashMap<>();
    for (WeightedStore w : list) {
      if (byName.containsKey(w.store().name())) {
        list.forEach(s -> s.store().close());
        throw new IllegalArgumentException(
            "nodes: duplicate host " + w.store().name() + " (expected: distinct hosts)");
      }
      byName.put(w.store().name(), w.store());
      weights.put(w.store().name(), w.weight());
    }
    ConsistentHash<Store> ring = ConsistentHash.of(byName, weights);
    return new DefaultCache(
        name,
        ring,
        new CacheStat(name, meterRegistry, statLog),
        new DeleteRetrier(ticker, alerts),
        objectMapper,
        expiry,
        notFoundExpiry,
        leaseGuard,
        random,
        alerts);
  }

  private static Duration positive(Duration d, String name) {
    requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
    }
    return d;
  }

  /** Its buffer recyclers suit virtual threads, which callers on JDK 21+ usually are. */
  private static ObjectMapper defaultMapper() {
    return new ObjectMapper(
            JsonFactory.builder().recyclerPool(RecyclerPerThreadKind.instance()).build())
        .findAndRegisterModules()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }
}
