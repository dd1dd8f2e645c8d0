package io.github.zero4j.core.mr;

import static java.util.Objects.requireNonNull;

import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** The reducer's writer: accepts exactly one value. */
final class ReducerOutput<V> implements Consumer<V> {
  private final AtomicReference<@Nullable V> value = new AtomicReference<>();

  @Override
  public void accept(V item) {
    requireNonNull(item, "item");
    if (!value.compareAndSet(null, item)) {
      // go-zero panics with the same words.
      throw new IllegalStateException("more than one element written in reducer");
    }
  }

  V get() {
    V item = value.get();
    if (item == null) {
      // go-zero's ErrReduceNoOutput.
      throw new NoSuchElementException("reduce not writing value");
    }
    return item;
  }
}
