package io.github.zero4j.rest.internal.chain;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.rest.Middleware;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.Response;
import io.github.zero4j.rest.RestException;
import io.github.zero4j.rest.httpx.Binder;
import io.github.zero4j.rest.httpx.ErrorHandler;
import io.github.zero4j.rest.httpx.OkHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RealChainTest {
  private static final Renderer RENDERER =
      new Renderer(Binder.defaultObjectMapper(), ErrorHandler.defaults(), OkHandler.identity());

  private final List<String> trace = new ArrayList<>();

  private Response run(Renderer renderer, Request request, Hop... hops) throws Exception {
    return new RealChain(hops, 0, request, new TestExchange(), renderer).proceed(request);
  }

  private Response run(Hop... hops) throws Exception {
    return run(RENDERER, Request.builder().build(), hops);
  }

  private Hop recording(String name) {
    return new Hop(
        name,
        chain -> {
          trace.add(name + " in");
          Response response = chain.proceed(chain.request());
          trace.add(name + " out");
          return response;
        });
  }

  private Hop handler(Response response) {
    return new Hop(
        "handler",
        chain -> {
          trace.add("handler");
          return response;
        });
  }

  @Test
  void proceed_runsMiddlewaresOutermostFirstAroundTheHandler() throws Exception {
    Response response = run(recording("a"), recording("b"), handler(Response.text("ok")));
    assertThat(response.bodyString()).isEqualTo("ok");
    assertThat(trace).containsExactly("a in", "b in", "handler", "b out", "a out");
  }

  @Test
  void proceed_passesTheChangedRequestDown() throws Exception {
    Hop stamp =
        new Hop(
            "stamp",
            chain -> chain.proceed(chain.request().toBuilder().attribute("user", "ann").build()));
    Hop echo =
        new Hop(
            "echo",
            chain -> Response.text(String.valueOf(chain.request().attribute("user").orElse("-"))));
    assertThat(run(stamp, echo).bodyString()).isEqualTo("ann");
  }

  @Test
  void middlewareMayAnswerWithoutProceeding() throws Exception {
    Hop gate = new Hop("gate", chain -> Response.status(403));
    Response response = run(recording("outer"), gate, handler(Response.ok()));
    assertThat(response.status()).isEqualTo(403);
    assertThat(trace).containsExactly("outer in", "outer out");
  }

  @Test
  void proceedTwice_failsNamingTheMiddleware() {
    Hop twice =
        new Hop(
            "use() middleware #2 (com.example.Retry)",
            chain -> {
              chain.proceed(chain.request());
              return chain.proceed(chain.request());
            });
    assertThatThrownBy(() -> run(twice, handler(Response.ok())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "use() middleware #2 (com.example.Retry) must call proceed() exactly once, or not at"
                + " all to answer by itself; it called it 2 times");
    assertThat(trace).containsExactly("handler");
  }

  @Test
  void proceedAfterReturning_failsNamingTheMiddleware() throws Exception {
    AtomicReference<Middleware.Chain> kept = new AtomicReference<>();
    Hop leaky =
        new Hop(
            "leaky",
            chain -> {
              kept.set(chain);
              return Response.ok();
            });
    run(leaky, handler(Response.ok()));
    assertThatThrownBy(() -> requireNonNull(kept.get()).proceed(Request.builder().build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "leaky called proceed() after it returned (expected: proceed() inside handle())");
  }

  @Test
  @SuppressWarnings("NullAway") // the point: a middleware that breaks the contract
  void nullResponse_failsNamingTheMiddleware() {
    Hop silent = new Hop("middleware #1 of GET /x (Silent)", chain -> null);
    assertThatThrownBy(() -> run(silent, handler(Response.ok())))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("middleware #1 of GET /x (Silent) returned null (expected: a response)");
  }

  @Test
  void proceed_returnsRenderedResponses() throws Exception {
    AtomicReference<Response> seen = new AtomicReference<>();
    Hop spy =
        new Hop(
            "spy",
            chain -> {
              Response response = chain.proceed(chain.request());
              seen.set(response);
              return response;
            });
    Renderer envelope =
        new Renderer(
            Binder.defaultObjectMapper(),
            (request, error) -> Response.json(400, Map.of("msg", error.getMessage())),
            (request, value) -> Map.of("code", 0, "data", value));
    Response ok = run(envelope, Request.builder().build(), spy, handler(Response.json(List.of(1))));
    assertThat(requireNonNull(seen.get()).isRendered()).isTrue();
    assertThat(ok.bodyString()).contains("\"code\":0").contains("\"data\":[1]");
    assertThat(ok.headers().get("Content-Type")).contains(Response.APPLICATION_JSON);

    Response failed =
        run(
            envelope,
            Request.builder().build(),
            spy,
            handler(Response.error(new RestException(409, "taken"))));
    assertThat(failed.status()).isEqualTo(400);
    assertThat(failed.bodyString()).isEqualTo("{\"msg\":\"taken\"}");
  }

  @Test
  void describe_usesOwnToStringElseClassName() {
    Middleware named =
        new Middleware() {
          @Override
          public Response handle(Chain chain) {
            return Response.ok();
          }

          @Override
          public String toString() {
            return "Audit";
          }
        };
    assertThat(Hop.describe("use() middleware #1", named)).isEqualTo("use() middleware #1 (Audit)");
    Middleware lambda = chain -> Response.ok();
    assertThat(Hop.describe("use() middleware #2", lambda))
        .startsWith(
            "use() middleware #2 (io.github.zero4j.rest.internal.chain.RealChainTest$$Lambda");
  }
}
