package io.github.zero4j.core.breaker;

/**
 * What the breaker knows about a run of buckets, folded oldest to newest (go-zero's {@code
 * windowResult}, plus the failure count for tests and logs).
 *
 * @param accepts successes
 * @param failures failures
 * @param total successes, failures and drops
 * @param workingBuckets success-only buckets since the last bucket with a failure
 * @param failingBuckets failure-only buckets since the last bucket with a success
 */
record History(long accepts, long failures, long total, int workingBuckets, int failingBuckets) {

  static final History EMPTY = new History(0, 0, 0, 0, 0);

  /**
   * Appends one newer bucket. go-zero's rules: a bucket with a failure resets {@code wb}, else one
   * with a success increments it; a bucket with a success resets {@code fb}, else one with a
   * failure increments it; empty and drop-only buckets leave both unchanged.
   */
  History plusBucket(long success, long failure, long drop) {
    int wb = failure > 0 ? 0 : success > 0 ? workingBuckets + 1 : workingBuckets;
    int fb = success > 0 ? 0 : failure > 0 ? failingBuckets + 1 : failingBuckets;
    return new History(
        accepts + success, failures + failure, total + success + failure + drop, wb, fb);
  }
}
