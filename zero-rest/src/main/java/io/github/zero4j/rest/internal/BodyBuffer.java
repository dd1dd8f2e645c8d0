package io.github.zero4j.rest.internal;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/** A growing byte array holding one request body while it is read. Event-loop confined. */
final class BodyBuffer {
  private static final byte[] EMPTY = new byte[0];

  /** Preallocate at most this much for a declared length, so a lying client costs little. */
  private static final int MAX_PREALLOCATION = 64 * 1024;

  private byte[] bytes;
  private int size;

  BodyBuffer(long declaredLength) {
    int initial = (int) Math.min(Math.max(declaredLength, 0), MAX_PREALLOCATION);
    bytes = initial == 0 ? EMPTY : new byte[initial];
  }

  int size() {
    return size;
  }

  void append(ByteBuf buffer) {
    int length = buffer.readableBytes();
    if (length == 0) {
      return;
    }
    if (size + length > bytes.length) {
      long grown =
          Math.max((long) size + length, Math.min(bytes.length * 2L, Integer.MAX_VALUE - 8));
      bytes = Arrays.copyOf(bytes, (int) grown);
    }
    buffer.readBytes(bytes, size, length);
    size += length;
  }

  byte[] toArray() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }
}
