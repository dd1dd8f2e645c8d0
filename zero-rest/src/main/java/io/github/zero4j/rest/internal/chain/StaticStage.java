package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.StaticFiles;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link StaticFiles} in front of the routes, as go-zero's file server wraps the router: a GET
 * under the prefix that names an existing file is answered with it; anything else goes on.
 */
final class StaticStage implements Stage {
  private final StaticFiles files;

  StaticStage(StaticFiles files) {
    this.files = files;
  }

  @Override
  public @Nullable Response enter(Call call) {
    Request request = call.request;
    if (request.method().equals("GET")) {
      Optional<Response> file = files.serve(request.path());
      if (file.isPresent()) {
        return file.get();
      }
    }
    return null;
  }

  @Override
  public @Nullable Response leave(Call call, @Nullable Response response) {
    return response;
  }
}
