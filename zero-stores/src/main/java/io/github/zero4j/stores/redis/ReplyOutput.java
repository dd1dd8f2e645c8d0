package io.github.zero4j.stores.redis;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/*
 * Decodes any script reply into null, Long, String, Double, Boolean or nested Lists, for
 * ScriptReply. (Lettuce's ScriptOutputType.OBJECT cannot hold a top-level bulk string.)
 *
 * Lettuce calls multi(n) when an array starts and complete(d) after every element, where d is the
 * number of arrays still open; so an array is finished when complete() reports fewer open arrays
 * than this output holds. Called only from the connection's I/O thread.
 */
final class ReplyOutput extends CommandOutput<String, String, @Nullable Object> {
  private final ArrayDeque<List<@Nullable Object>> open = new ArrayDeque<>();

  ReplyOutput() {
    super(StringCodec.UTF8, null);
  }

  private void add(@Nullable Object value) {
    List<@Nullable Object> top = open.peek();
    if (top == null) {
      output = value;
    } else {
      top.add(value);
    }
  }

  @Override
  public void set(@Nullable ByteBuffer bytes) {
    add(bytes == null ? null : StringCodec.UTF8.decodeValue(bytes));
  }

  @Override
  public void setSingle(@Nullable ByteBuffer bytes) {
    set(bytes);
  }

  @Override
  public void setBigNumber(@Nullable ByteBuffer bytes) {
    set(bytes);
  }

  @Override
  public void set(long integer) {
    add(integer);
  }

  @Override
  public void set(double number) {
    add(number);
  }

  @Override
  public void set(boolean value) {
    add(value);
  }

  @Override
  public void multi(int count) {
    if (count < 0) {
      add(null);
      return;
    }
    List<@Nullable Object> list = new ArrayList<>(count);
    add(list);
    open.push(list);
  }

  @Override
  public void complete(int depth) {
    while (open.size() > depth) {
      open.pop();
    }
  }
}
