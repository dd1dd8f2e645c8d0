package io.github.zero4j.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.zero4j.core.timex.FakeTicker;
import org.junit.jupiter.api.Test;

/** The window's history: go-zero's vectors and the wb/fb rules, bucket by bucket. */
class HistoryTest {
  private static final long BUCKET_MILLIS = 250;

  private final FakeTicker ticker = new FakeTicker();
  private final GoogleBreaker breaker =
      (GoogleBreaker) Breaker.builder().ticker(ticker).random(ScriptedRandom.alwaysDrop()).build();

  /** Records into the live bucket, then moves to the next one. */
  private void bucket(int successes, int failures, int drops) {
    record(successes, failures, drops);
    ticker.advanceMillis(BUCKET_MILLIS);
  }

  private void record(int successes, int failures, int drops) {
    for (int i = 0; i < successes; i++) {
      breaker.markSuccess();
    }
    for (int i = 0; i < failures; i++) {
      breaker.markFailure("fail");
    }
    for (int i = 0; i < drops; i++) {
      breaker.markDrop();
    }
  }

  @Test
  void tenSuccesses_acceptsEqualsTotal() {
    record(10, 0, 0);
    assertThat(breaker.history()).isEqualTo(new History(10, 0, 10, 1, 0));
  }

  @Test
  void tenFailures_noAccepts() {
    record(0, 10, 0);
    assertThat(breaker.history()).isEqualTo(new History(0, 10, 10, 0, 1));
  }

  @Test
  void fiveAndFive_halfAccepted() {
    record(5, 5, 0);
    History h = breaker.history();
    assertThat(h.accepts()).isEqualTo(5);
    assertThat(h.total()).isEqualTo(10);
  }

  @Test
  void idleFullWindow_empty() {
    bucket(5, 5, 5);
    record(1, 1, 1);
    ticker.advanceMillis(10_000);
    assertThat(breaker.history()).isEqualTo(History.EMPTY);
  }

  @Test
  void drops_countInTotalOnly() {
    record(0, 0, 7);
    assertThat(breaker.history()).isEqualTo(new History(0, 0, 7, 0, 0));
  }

  @Test
  void bucket_leavesTheWindowAfterFortyBuckets() {
    record(1, 0, 0);
    ticker.advanceMillis(39 * BUCKET_MILLIS + BUCKET_MILLIS - 1);
    assertThat(breaker.history().total()).isEqualTo(1);
    ticker.advanceMillis(1);
    assertThat(breaker.history()).isEqualTo(History.EMPTY);
  }

  @Test
  void workingBuckets_countSuccessOnlyBucketsSinceLastFailure() {
    bucket(1, 0, 0);
    bucket(0, 1, 0);
    bucket(2, 0, 0);
    bucket(3, 0, 0);
    bucket(0, 0, 0); // empty: unchanged
    bucket(0, 0, 4); // drop-only: unchanged
    record(1, 0, 0); // the live bucket counts
    History h = breaker.history();
    assertThat(h.workingBuckets()).isEqualTo(3);
    assertThat(h.failingBuckets()).isZero();
    assertThat(h.total()).isEqualTo(12);
  }

  @Test
  void failingBuckets_countFailureOnlyBucketsSinceLastSuccess() {
    bucket(1, 0, 0);
    bucket(0, 2, 0);
    bucket(0, 1, 0);
    bucket(0, 0, 0);
    bucket(0, 0, 3);
    record(0, 1, 0);
    History h = breaker.history();
    assertThat(h.failingBuckets()).isEqualTo(3);
    assertThat(h.workingBuckets()).isZero();
  }

  @Test
  void mixedBucket_resetsBoth() {
    bucket(0, 1, 0);
    bucket(0, 1, 0);
    bucket(1, 1, 0);
    assertThat(breaker.history()).isEqualTo(new History(1, 3, 4, 0, 0));
    record(1, 0, 0);
    assertThat(breaker.history().workingBuckets()).isEqualTo(1);
  }

  @Test
  void workingBuckets_fallAsSuccessBucketsAgeOut() {
    bucket(1, 0, 0); // bucket 0
    bucket(1, 0, 0); // bucket 1
    ticker.advanceMillis(37 * BUCKET_MILLIS); // now in bucket 39: window 0..39
    assertThat(breaker.history().workingBuckets()).isEqualTo(2);
    ticker.advanceMillis(BUCKET_MILLIS);
    assertThat(breaker.history().workingBuckets()).isEqualTo(1);
    ticker.advanceMillis(BUCKET_MILLIS);
    assertThat(breaker.history()).isEqualTo(History.EMPTY);
  }

  @Test
  void jumps_emptyTheSkippedBuckets() {
    record(3, 0, 0); // bucket 0
    ticker.advanceMillis(20 * BUCKET_MILLIS);
    record(0, 2, 0); // bucket 20
    ticker.advanceMillis(19 * BUCKET_MILLIS); // bucket 39: window 0..39
    assertThat(breaker.history()).isEqualTo(new History(3, 2, 5, 0, 1));
    ticker.advanceMillis(BUCKET_MILLIS); // bucket 40: bucket 0 is out
    assertThat(breaker.history()).isEqualTo(new History(0, 2, 2, 0, 1));
  }

  @Test
  void ring_wrapsAroundManyTimes() {
    for (int i = 0; i < 100; i++) {
      bucket(1, 0, 0);
    }
    // 39 closed buckets and an empty live one.
    assertThat(breaker.history()).isEqualTo(new History(39, 0, 39, 39, 0));
  }

  @Test
  void plusBucket_appliesGoZeroRules() {
    History h = History.EMPTY.plusBucket(2, 0, 1);
    assertThat(h).isEqualTo(new History(2, 0, 3, 1, 0));
    h = h.plusBucket(0, 0, 5);
    assertThat(h).isEqualTo(new History(2, 0, 8, 1, 0));
    h = h.plusBucket(0, 1, 0);
    assertThat(h).isEqualTo(new History(2, 1, 9, 0, 1));
    h = h.plusBucket(0, 0, 0).plusBucket(0, 3, 0);
    assertThat(h).isEqualTo(new History(2, 4, 12, 0, 2));
    h = h.plusBucket(1, 1, 0);
    assertThat(h).isEqualTo(new History(3, 5, 14, 0, 0));
  }
}
