package io.github.zero4j.rest.internal.chain;

import io.github.zero4j.rest.Middleware;
import io.github.zero4j.rest.RejectedException;
import io.github.zero4j.rest.Rejection;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * {@link io.github.zero4j.rest.BuiltIn#GUNZIP}: go-zero's rest/handler/gunziphandler.go. A body
 * with {@code Content-Encoding} containing {@code gzip} is inflated before the handler sees it (the
 * header is removed); one that does not inflate is answered 400. Beyond go-zero, the inflated size
 * obeys the route's body limit too (413), so a small compressed body cannot expand into an
 * unbounded one. Stateless.
 */
final class Gunzip implements Middleware {
  private static final int BUFFER_BYTES = 8192;

  private final long limit;

  Gunzip(long limit) {
    this.limit = limit;
  }

  @Override
  public Response handle(Chain chain) throws Exception {
    Request request = chain.request();
    String encoding = request.header("Content-Encoding").orElse("");
    if (!encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
      return chain.proceed(request);
    }
    ByteArrayOutputStream inflated =
        new ByteArrayOutputStream(
            (int) Math.min(BUFFER_BYTES * 4L, request.bodyLength() * 4L + 16));
    try (InputStream in = new GZIPInputStream(request.bodyStream(), BUFFER_BYTES)) {
      byte[] buffer = new byte[BUFFER_BYTES];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        inflated.write(buffer, 0, read);
        if (inflated.size() > limit) {
          String message = "gzip body inflates over " + limit + " bytes, rejected with code 413";
          ((RealChain) chain).exchange().note(message);
          return Response.error(new RejectedException(Rejection.BODY_TOO_LARGE, message));
        }
      }
    } catch (IOException | RuntimeException e) {
      String message = "bad gzip body: " + e.getMessage() + ", rejected with code 400";
      ((RealChain) chain).exchange().note(message);
      return Response.error(new RejectedException(Rejection.BAD_GZIP, message, e));
    }
    Request plain =
        request.toBuilder()
            .removeHeader("Content-Encoding")
            .header("Content-Length", Integer.toString(inflated.size()))
            .body(inflated.toByteArray())
            .build();
    return chain.proceed(plain);
  }

  @Override
  public String toString() {
    return "GUNZIP";
  }
}
