package io.github.zero4j.core.load;

/** Admits every request; its promise does nothing. */
enum NoopShedder implements Shedder, Promise {
  INSTANCE;

  @Override
  public Promise allow() {
    return this;
  }

  @Override
  public void pass() {}

  @Override
  public void fail() {}

  @Override
  public String toString() {
    return "Shedder.noop()";
  }
}
