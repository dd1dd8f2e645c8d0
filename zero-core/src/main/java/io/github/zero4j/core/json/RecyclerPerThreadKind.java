package io.github.zero4j.core.json;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jspecify.annotations.Nullable;

/**
 * Jackson's buffer recyclers for code that runs on virtual threads as well as platform threads: one
 * per platform thread, as Jackson's default thread-local pool keeps them, and a shared pool for
 * virtual threads. zero-rest's and zero-stores' default mappers use it.
 *
 * <pre>{@code
 * JsonFactory factory =
 *     JsonFactory.builder().recyclerPool(RecyclerPerThreadKind.instance()).build();
 * ObjectMapper mapper = JsonMapper.builder(factory).build();
 * }</pre>
 *
 * <p>Blocking work runs on virtual threads on JDK 21+, often one new thread per request. Jackson's
 * default pool keeps a recycler in a {@code ThreadLocal}, so on such a thread every value written
 * or read allocates a fresh recycler and fresh buffers (several KiB). Here a virtual thread takes a
 * recycler from a concurrent deque and Jackson gives it back when its generator or parser closes
 * ({@code acquireAndLinkPooled} links it to the deque, not to this pool). Event loops and other
 * platform threads keep Jackson's thread-local recyclers, which need no atomic operation at all.
 *
 * <p>Thread-safe. Serializable as Jackson requires of pools; deserializes to the one instance.
 */
public final class RecyclerPerThreadKind implements RecyclerPool<BufferRecycler> {
  private static final long serialVersionUID = 1L;

  private static final RecyclerPerThreadKind INSTANCE = new RecyclerPerThreadKind();

  /** {@code Thread.isVirtual()}, JDK 21+; null before. */
  private static final @Nullable MethodHandle IS_VIRTUAL = isVirtualHandle();

  private final transient RecyclerPool<BufferRecycler> platform =
      JsonRecyclerPools.threadLocalPool();
  private final transient RecyclerPool<BufferRecycler> virtual =
      JsonRecyclerPools.newConcurrentDequePool();

  private RecyclerPerThreadKind() {}

  /** The one pool: its deque is shared by every mapper that uses it. */
  public static RecyclerPerThreadKind instance() {
    return INSTANCE;
  }

  @Override
  public BufferRecycler acquireAndLinkPooled() {
    return pool().acquireAndLinkPooled();
  }

  @Override
  public BufferRecycler acquirePooled() {
    return pool().acquirePooled();
  }

  /**
   * Only for a recycler taken with {@link #acquirePooled()} (Jackson itself links its recyclers and
   * returns them to the pool they came from): back to the pool of the current thread's kind.
   */
  @Override
  public void releasePooled(BufferRecycler recycler) {
    pool().releasePooled(recycler);
  }

  @Override
  public int pooledCount() {
    return virtual.pooledCount();
  }

  @Override
  public boolean clear() {
    return virtual.clear();
  }

  private RecyclerPool<BufferRecycler> pool() {
    return isVirtual(Thread.currentThread()) ? virtual : platform;
  }

  /** Whether {@code thread} is a virtual thread (always false before JDK 21). */
  public static boolean isVirtual(Thread thread) {
    MethodHandle handle = IS_VIRTUAL;
    if (handle == null) {
      return false;
    }
    try {
      return (boolean) handle.invokeExact(thread);
    } catch (Throwable e) {
      throw new IllegalStateException("Thread.isVirtual() failed", e);
    }
  }

  private static @Nullable MethodHandle isVirtualHandle() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
