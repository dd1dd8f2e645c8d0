package io.github.zero4j.stores.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Cache contract, for the in-process and the Redis stores alike. */
abstract class CacheContract {
  record User(long id, String name) {}

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Cache> opened = new ArrayList<>();

  /** A builder for the store under test, with statLog off and the test's registry. */
  abstract CacheBuilder newBuilder();

  /** A key unique to this test class and {@code suffix}. */
  abstract String key(String suffix);

  DefaultCache open(boolean leaseGuard) {
    DefaultCache cache =
        newBuilder().statLog(false).meterRegistry(registry).leaseGuard(leaseGuard).buildDefault();
    opened.add(cache);
    return cache;
  }

  @AfterEach
  void closeCaches() {
    opened.forEach(Cache::close);
  }

  double count(String meter) {
    return registry.get(meter).counter().count();
  }

  @Test
  void take_loadsOnceThenHits_goZeroStatVector() {
    DefaultCache cache = open(true);
    String key = key("stat");
    cache.del(key);
    AtomicInteger loads = new AtomicInteger();

    for (int i = 0; i < 10; i++) {
      Optional<User> user =
          cache.take(
              key,
              User.class,
              () -> {
                loads.incrementAndGet();
                return Optional.of(new User(1, "ann"));
              });
      assertThat(user).contains(new User(1, "ann"));
    }

    assertThat(loads).hasValue(1);
    assertThat(cache.stat().report()).contains("qpm: 10, hit_ratio: 90.0%, hit: 9, miss: 1");
  }

  @Test
  void take_concurrentMissesRunTheLoaderOnce() throws Exception {
    DefaultCache cache = open(true);
    String key = key("flight");
    cache.del(key);
    int callers = 1000;
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CyclicBarrier start = new CyclicBarrier(callers);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Optional<User>>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return cache.take(
                      key,
                      User.class,
                      () -> {
                        loads.incrementAndGet();
                        loading.countDown();
                        await(release);
                        return Optional.of(new User(7, "flight"));
                      });
                }));
      }
      assertThat(loading.await(30, TimeUnit.SECONDS)).isTrue();
      release.countDown();
      for (Future<Optional<User>> f : results) {
        assertThat(f.get(30, TimeUnit.SECONDS)).contains(new User(7, "flight"));
      }
    } finally {
      pool.shutdownNow();
    }
    // Callers that arrived after the flight landed hit the cache; either way one load.
    assertThat(loads).hasValue(1);
  }

  @Test
  void take_notFoundCachesThePlaceholderAndHonoursIt() {
    DefaultCache cache = open(true);
    String key = key("missing");
    cache.del(key);
    AtomicInteger loads = new AtomicInteger();

    Optional<User> first =
        cache.take(
            key,
            User.class,
            () -> {
              loads.incrementAndGet();
              return Optional.empty();
            });
    Optional<User> second =
        cache.take(
            key,
            User.class,
            () -> {
              loads.incrementAndGet();
              return Optional.of(new User(1, "should not load"));
            });

    assertThat(first).isEmpty();
    assertThat(second).isEmpty();
    assertThat(loads).hasValue(1);
    assertThat(cache.get(key, User.class)).isEmpty();
    assertThat(count(CacheStat.PLACEHOLDER_HITS)).isEqualTo(2);
  }

  @Test
  void take_loaderFailureCachesNothingAndCountsADbFail() {
    DefaultCache cache = open(true);
    String key = key("dbfail");
    cache.del(key);
    IllegalStateException boom = new IllegalStateException("db down");

    assertThatThrownBy(
            () ->
                cache.take(
                    key,
                    User.class,
                    () -> {
                      throw boom;
                    }))
        .isSameAs(boom);

    assertThat(count(CacheStat.DB_FAILS)).isEqualTo(1);
    assertThat(cache.take(key, User.class, () -> Optional.of(new User(2, "ok"))))
        .contains(new User(2, "ok"));
  }

  @Test
  void del_makesTheNextTakeLoadAgain() {
    DefaultCache cache = open(true);
    String key = key("del");
    cache.set(key, new User(1, "old"));
    assertThat(cache.get(key, User.class)).contains(new User(1, "old"));

    cache.del(key);

    assertThat(cache.get(key, User.class)).isEmpty();
    assertThat(cache.take(key, User.class, () -> Optional.of(new User(1, "new"))))
        .contains(new User(1, "new"));
  }

  @Test
  void staleSetRace_landsWithoutTheLeaseGuard_goZeroBehaviour() throws Exception {
    assertThat(raceStaleFill(open(false), key("race-off"))).contains(new User(1, "old"));
  }

  @Test
  void staleSetRace_isRefusedWithTheLeaseGuard() throws Exception {
    DefaultCache cache = open(true);
    String key = key("race-on");

    assertThat(raceStaleFill(cache, key)).isEmpty();
    // The next reader loads the new row and caches it.
    assertThat(cache.take(key, User.class, () -> Optional.of(new User(1, "new"))))
        .contains(new User(1, "new"));
    assertThat(cache.get(key, User.class)).contains(new User(1, "new"));
  }

  /**
   * go-zero issue #3000: the reader misses and loads the old row; the writer updates the row and
   * deletes the key; then the reader fills. Returns what the cache holds afterwards.
   */
  private Optional<User> raceStaleFill(DefaultCache cache, String key) throws Exception {
    cache.del(key);
    String[] db = {"old"};
    CountDownLatch readerLoaded = new CountDownLatch(1);
    CountDownLatch writerDone = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Optional<User>> reader =
          pool.submit(
              () ->
                  cache.take(
                      key,
                      User.class,
                      () -> {
                        User row = new User(1, db[0]); // reads the old row
                        readerLoaded.countDown();
                        await(writerDone); // ... and is slow to return it
                        return Optional.of(row);
                      }));
      Future<?> writer =
          pool.submit(
              () -> {
                await(readerLoaded);
                db[0] = "new"; // UPDATE user SET name = 'new'
                cache.del(key); // then delete the cache key, as CachedConn.exec does
                writerDone.countDown();
              });
      writer.get(30, TimeUnit.SECONDS);
      assertThat(reader.get(30, TimeUnit.SECONDS)).contains(new User(1, "old"));
    } finally {
      pool.shutdownNow();
    }
    return cache.get(key, User.class);
  }

  @Test
  void set_revokesInFlightLeases() throws Exception {
    DefaultCache cache = open(true);
    String key = key("set-revokes");
    cache.del(key);
    CountDownLatch loaded = new CountDownLatch(1);
    CountDownLatch setDone = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Optional<User>> reader =
          pool.submit(
              () ->
                  cache.take(
                      key,
                      User.class,
                      () -> {
                        loaded.countDown();
                        await(setDone);
                        return Optional.of(new User(1, "loaded"));
                      }));
      assertThat(loaded.await(30, TimeUnit.SECONDS)).isTrue();
      cache.set(key, new User(1, "explicit"));
      setDone.countDown();
      reader.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(cache.get(key, User.class)).contains(new User(1, "explicit"));
  }

  @Test
  void waitersAskingForAnotherType_decodeTheSharedJson() {
    DefaultCache cache = open(true);
    String key = key("types");
    cache.set(key, new User(3, "typed"));

    record Name(String name) {}
    assertThat(cache.get(key, Name.class)).contains(new Name("typed"));
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
