package io.github.zero4j.examples.mall.common;

import static java.util.Objects.requireNonNull;

import io.github.zero4j.rest.Deadline;
import io.github.zero4j.rest.Handler;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rpc.Deadlines;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.function.Supplier;

/** What every mall API handler does around its work. */
public final class Handlers {
  private Handlers() {}

  /**
   * {@code handler}, answering a business error (thrown by it, by {@code validate()} or carried
   * back from a downstream service) through the error handler ({@link ApiErrors}) as an expected
   * answer: thrown out of a handler it would reach zero-rest's RECOVER built-in, which logs it as a
   * panic and answers 500.
   */
  public static Handler answering(Handler handler) {
    requireNonNull(handler, "handler");
    return request -> {
      try {
        return handler.handle(request);
      } catch (BizException | StatusRuntimeException e) {
        return Response.error(e);
      }
    };
  }

  /**
   * Runs {@code rpc} within what is left of the request's deadline, when it has one, so the
   * downstream service sees the same deadline.
   */
  public static <T> T withinDeadline(Request request, Supplier<T> rpc) {
    Optional<Deadline> deadline = request.deadline();
    return deadline.isPresent() ? Deadlines.call(deadline.get().remaining(), rpc) : rpc.get();
  }
}
