package io.github.zero4j.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  @Test
  void committable_isMinusOne_beforeAnything() {
    OffsetTracker t = new OffsetTracker();
    assertThat(t.committable()).isEqualTo(-1);
    assertThat(t.gap()).isZero();
  }

  @Test
  void committable_staysAtLowestUnfinished_whenLaterOnesFinishFirst() {
    OffsetTracker t = new OffsetTracker();
    long s10 = t.append(10);
    long s11 = t.append(11);
    long s12 = t.append(12);

    t.complete(s12);
    t.complete(s11);
    assertThat(t.committable()).isEqualTo(10);
    assertThat(t.gap()).isEqualTo(3);

    t.complete(s10);
    assertThat(t.committable()).isEqualTo(13);
    assertThat(t.pending()).isZero();
    assertThat(t.gap()).isZero();
  }

  @Test
  void committable_followsFetchedOffsets_acrossGaps() {
    // Compacted topics and transaction markers leave holes in the offsets.
    OffsetTracker t = new OffsetTracker();
    long a = t.append(5);
    long b = t.append(9);
    t.complete(a);
    assertThat(t.committable()).isEqualTo(9);
    t.complete(b);
    assertThat(t.committable()).isEqualTo(10);
  }

  @Test
  void complete_ignoresUnknownAndRepeatedSequences() {
    OffsetTracker t = new OffsetTracker();
    long a = t.append(0);
    t.complete(a);
    t.complete(a);
    t.complete(42);
    assertThat(t.committable()).isEqualTo(1);
  }

  @Test
  void append_refusesOffsetsGoingBack() {
    OffsetTracker t = new OffsetTracker();
    t.append(7);
    assertThatThrownBy(() -> t.append(7)).hasMessageContaining("offset: 7 (expected: >= 8)");
  }

  @Test
  void randomCompletionOrder_neverCommitsPastAnUnfinishedOffset_andGrows() {
    Random random = new Random(7);
    OffsetTracker t = new OffsetTracker();
    List<long[]> open = new ArrayList<>(); // {seq, offset}
    boolean[] finished = new boolean[5000];
    long offset = 0;
    for (int round = 0; round < 2000; round++) {
      for (int i = random.nextInt(4); i > 0 && offset < finished.length; i--) {
        open.add(new long[] {t.append(offset), offset});
        offset++;
      }
      Collections.shuffle(open, random);
      for (int i = random.nextInt(3); i > 0 && !open.isEmpty(); i--) {
        long[] done = open.remove(open.size() - 1);
        t.complete(done[0]);
        finished[(int) done[1]] = true;
      }
      long committable = t.committable();
      for (long o = 0; o < committable; o++) {
        assertThat(finished[(int) o]).as("offset %s below commit %s", o, committable).isTrue();
      }
      if (committable >= 0 && committable < offset) {
        assertThat(finished[(int) committable]).isFalse();
      }
    }
    for (long[] rest : open) {
      t.complete(rest[0]);
    }
    assertThat(t.committable()).isEqualTo(offset);
  }
}
