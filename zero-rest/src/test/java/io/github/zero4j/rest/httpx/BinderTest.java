package io.github.zero4j.rest.httpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.zero4j.core.json.RecyclerPerThreadKind;
import io.github.zero4j.rest.Request;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class BinderTest {

  private static Request.Builder request() {
    return Request.builder();
  }

  private static Request json(String body) {
    return request().header("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  private static void assertFails(Request request, Class<?> type, String message) {
    assertThatThrownBy(() -> request.bind(type))
        .isInstanceOf(BindException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((BindException) e).status()).isEqualTo(400));
  }

  // ---- sources ---------------------------------------------------------------------------------

  record ByPath(@Path("userId") long userId, @Path String slug) {}

  @Test
  void path_bindsConvertedParameters() {
    Request request = request().pathParams(Map.of("userId", "42", "slug", "hello")).build();
    assertThat(request.bind(ByPath.class)).isEqualTo(new ByPath(42, "hello"));
  }

  @Test
  void path_mismatchNamesSourceFieldAndType() {
    Request request = request().pathParams(Map.of("userId", "abc", "slug", "x")).build();
    assertFails(request, ByPath.class, "path userId: abc (expected: an integer)");
  }

  @Test
  void path_missingIsRequired() {
    assertFails(
        request().pathParams(Map.of("userId", "1")).build(),
        ByPath.class,
        "missing required path field slug");
  }

  record ByQuery(@Query int page, @Query("q") String term) {}

  @Test
  void query_bindsFromTheUrlOnly() {
    assertThat(request().uri("/s?page=2&q=a%20b").build().bind(ByQuery.class))
        .isEqualTo(new ByQuery(2, "a b"));
    Request bodyOnly =
        request()
            .uri("/s?page=2")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("q=x")
            .build();
    assertFails(bodyOnly, ByQuery.class, "missing required query field q");
  }

  @Test
  void query_emptyValueCountsAsAbsent() {
    assertFails(
        request().uri("/s?page=&q=x").build(), ByQuery.class, "missing required query field page");
  }

  @Test
  void query_firstValueWinsForAScalar() {
    assertThat(request().uri("/s?page=3&page=4&q=x").build().bind(ByQuery.class).page())
        .isEqualTo(3);
  }

  record ByForm(@Form String name, @Form List<Integer> ids) {}

  @Test
  void form_readsTheBodyThenTheQuery() {
    Request request =
        request()
            .uri("/f?ids=3")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("name=J%C3%BCrgen+K&ids=1,2")
            .build();
    assertThat(request.bind(ByForm.class)).isEqualTo(new ByForm("Jürgen K", List.of(1, 2, 3)));
  }

  @Test
  void form_listsAcceptGoZerosThreeSpellings() {
    assertThat(request().uri("/f?name=a&ids=1&ids=2").build().bind(ByForm.class).ids())
        .containsExactly(1, 2);
    assertThat(request().uri("/f?name=a&ids=1,2").build().bind(ByForm.class).ids())
        .containsExactly(1, 2);
    assertThat(request().uri("/f?name=a&ids%5B%5D=1&ids%5B%5D=2").build().bind(ByForm.class).ids())
        .containsExactly(1, 2);
  }

  @Test
  void form_listElementMismatchNamesTheElement() {
    assertFails(
        request().uri("/f?name=a&ids=1,x").build(),
        ByForm.class,
        "form ids: x (expected: an integer)");
  }

  record ByHeader(@Header("X-Request-Id") UUID requestId, @Header("X-Tags") List<String> tags) {}

  @Test
  void header_bindsCaseInsensitively() {
    UUID id = UUID.randomUUID();
    Request request =
        request().header("x-request-id", id.toString()).header("X-TAGS", "a, b,c").build();
    assertThat(request.bind(ByHeader.class)).isEqualTo(new ByHeader(id, List.of("a", "b", "c")));
  }

  @Test
  void header_mismatchAndMissing() {
    assertFails(
        request().header("X-Request-Id", "nope").header("X-Tags", "a").build(),
        ByHeader.class,
        "header X-Request-Id: nope (expected: a UUID)");
    assertFails(
        request().header("X-Tags", "a").build(),
        ByHeader.class,
        "missing required header field X-Request-Id");
  }

  record Signup(String mobile, @Json("nick_name") String nickName, int age) {}

  @Test
  void json_bindsUnannotatedComponentsFromTheBody() {
    Request request = json("{\"mobile\":\"139\",\"nick_name\":\"zz\",\"age\":30,\"extra\":true}");
    assertThat(request.bind(Signup.class)).isEqualTo(new Signup("139", "zz", 30));
  }

  @Test
  void json_missingFieldIsRequired() {
    assertFails(
        json("{\"nick_name\":\"zz\",\"age\":30}"),
        Signup.class,
        "missing required json field mobile");
    assertFails(
        json("{\"mobile\":null,\"nick_name\":\"zz\",\"age\":30}"),
        Signup.class,
        "missing required json field mobile");
  }

  @Test
  void json_isStrictAboutTypesAsGoIs() {
    assertFails(
        json("{\"mobile\":139,\"nick_name\":\"zz\",\"age\":30}"),
        Signup.class,
        "json mobile: 139 (expected: a string)");
    assertFails(
        json("{\"mobile\":\"1\",\"nick_name\":\"zz\",\"age\":\"30\"}"),
        Signup.class,
        "json age: \"30\" (expected: an integer)");
    assertFails(
        json("{\"mobile\":\"1\",\"nick_name\":\"zz\",\"age\":30.5}"),
        Signup.class,
        "json age: 30.5 (expected: an integer)");
  }

  @Test
  void json_bodyIsReadOnlyWithAJsonContentType() {
    Request plain =
        request().header("Content-Type", "text/plain").body("{\"mobile\":\"1\"}").build();
    assertFails(plain, Signup.class, "missing required json field mobile");
  }

  @Test
  void json_badBodyIsABindingFailure() {
    assertThatThrownBy(() -> json("{\"mobile\":").bind(Signup.class))
        .isInstanceOf(BindException.class)
        .hasMessageStartingWith("bad json body: ")
        .satisfies(e -> assertThat(((BindException) e).source()).isEqualTo("body"));
    assertFails(json("[1,2]"), Signup.class, "bad json body: array (expected: an object)");
  }

  record Address(String city, int zip) {}

  record Order(Address address, List<Address> others, Map<String, Integer> counts) {}

  @Test
  void json_structuredComponentsUseTheMapper() {
    Request request =
        json(
            "{\"address\":{\"city\":\"Oslo\",\"zip\":150},\"others\":[{\"city\":\"Rome\",\"zip\":1}],"
                + "\"counts\":{\"a\":1}}");
    Order order = request.bind(Order.class);
    assertThat(order.address()).isEqualTo(new Address("Oslo", 150));
    assertThat(order.others()).containsExactly(new Address("Rome", 1));
    assertThat(order.counts()).containsEntry("a", 1);
  }

  @Test
  void json_structuredMismatchNamesTheField() {
    assertFails(
        json("{\"address\":\"Oslo\",\"others\":[],\"counts\":{}}"),
        Order.class,
        "json address: \"Oslo\" (expected: an object)");
  }

  // ---- requiredness and defaults ---------------------------------------------------------------

  record Paging(
      @Query @Optional @Nullable Integer cursor,
      @Query @Optional int size,
      @Query @Optional List<String> sort,
      @Query java.util.Optional<String> filter,
      @Query @Default("20") int limit,
      @Query @Default("[a,b]") List<String> fields) {}

  @Test
  void optional_absentValuesAreNullZeroEmptyOrDefault() {
    Paging paging = request().uri("/p").build().bind(Paging.class);
    assertThat(paging)
        .isEqualTo(
            new Paging(null, 0, List.of(), java.util.Optional.empty(), 20, List.of("a", "b")));
  }

  @Test
  void optional_presentValuesWin() {
    Paging paging =
        request()
            .uri("/p?cursor=5&size=3&sort=x&filter=f&limit=7&fields=c")
            .build()
            .bind(Paging.class);
    assertThat(paging)
        .isEqualTo(new Paging(5, 3, List.of("x"), java.util.Optional.of("f"), 7, List.of("c")));
  }

  record JsonDefaults(
      @Default("{\"city\":\"Nowhere\",\"zip\":0}") Address home, @Default("7") long n) {}

  @Test
  void default_ofAStructuredJsonFieldIsJsonText() {
    assertThat(json("{}").bind(JsonDefaults.class))
        .isEqualTo(new JsonDefaults(new Address("Nowhere", 0), 7));
  }

  // ---- checks ----------------------------------------------------------------------------------

  enum Payment {
    CARD,
    CASH
  }

  record Checked(
      @Query @Options({"asc", "desc"}) String order,
      @Query @Range("[1:100]") int quantity,
      @Query @Range("(0:]") @Optional @Nullable BigDecimal price,
      @Query @Optional @Nullable Payment payment,
      @Query @Optional @Range("[1:10)") List<Integer> scores) {}

  @Test
  void options_rejectOtherValues() {
    assertFails(
        request().uri("/c?order=up&quantity=1").build(),
        Checked.class,
        "query order: up (expected: one of [asc, desc])");
  }

  @Test
  void range_usesGoZeroNotation() {
    assertThat(request().uri("/c?order=asc&quantity=100").build().bind(Checked.class).quantity())
        .isEqualTo(100);
    assertFails(
        request().uri("/c?order=asc&quantity=0").build(),
        Checked.class,
        "query quantity: 0 (expected: in range [1:100])");
    assertFails(
        request().uri("/c?order=asc&quantity=1&price=0").build(),
        Checked.class,
        "query price: 0 (expected: in range (0:])");
    assertThat(
            request().uri("/c?order=asc&quantity=1&price=0.01").build().bind(Checked.class).price())
        .isEqualByComparingTo("0.01");
    assertFails(
        request().uri("/c?order=asc&quantity=1&scores=1,10").build(),
        Checked.class,
        "query scores: 10 (expected: in range [1:10))");
  }

  @Test
  void enum_bindsByNameAndListsTheConstants() {
    assertThat(
            request()
                .uri("/c?order=asc&quantity=1&payment=CASH")
                .build()
                .bind(Checked.class)
                .payment())
        .isEqualTo(Payment.CASH);
    assertFails(
        request().uri("/c?order=asc&quantity=1&payment=cheque").build(),
        Checked.class,
        "query payment: cheque (expected: one of [CARD, CASH])");
  }

  record Flags(@Query boolean a, @Query boolean b, @Query boolean c) {}

  @Test
  void boolean_acceptsGoSpellings() {
    assertThat(request().uri("/b?a=1&b=F&c=True").build().bind(Flags.class))
        .isEqualTo(new Flags(true, false, true));
    assertFails(
        request().uri("/b?a=yes&b=1&c=1").build(),
        Flags.class,
        "query a: yes (expected: true or false)");
  }

  record Window(@Query int from, @Query int to) implements Validatable {
    @Override
    public void validate() {
      if (from > to) {
        throw new IllegalArgumentException("from must not be after to");
      }
    }
  }

  @Test
  void validate_runsLastAndItsFailureIsA400() {
    assertThat(request().uri("/w?from=1&to=2").build().bind(Window.class))
        .isEqualTo(new Window(1, 2));
    assertFails(request().uri("/w?from=3&to=2").build(), Window.class, "from must not be after to");
  }

  record Positive(@Query int n) {
    Positive {
      if (n <= 0) {
        throw new IllegalArgumentException("n must be positive");
      }
    }
  }

  @Test
  void compactConstructorFailureIsA400() {
    assertFails(request().uri("/n?n=-1").build(), Positive.class, "n must be positive");
  }

  @Test
  void bindingOrderIsPathFormHeaderJson() {
    // Both the path value and the JSON field are bad: the path one is reported.
    record Mixed(String note, @Path long id) {}
    Request request =
        request()
            .pathParams(Map.of("id", "x"))
            .header("Content-Type", "application/json")
            .body("{}")
            .build();
    assertFails(request, Mixed.class, "path id: x (expected: an integer)");
  }

  // ---- whole bodies and misconfigurations ------------------------------------------------------

  static final class Pojo {
    public String name = "";
  }

  @Test
  void nonRecord_readsTheWholeJsonBody() {
    assertThat(json("{\"name\":\"x\"}").bind(Pojo.class).name).isEqualTo("x");
    assertFails(
        request().build(),
        Pojo.class,
        "missing json body (expected: Content-Type application/json and a body)");
  }

  record TwoSources(@Query @Header("X") String value) {}

  record RangeOnText(@Query @Range("[1:2]") String value) {}

  record BadRange(@Query @Range("1..2") int value) {}

  record BadDefault(@Query @Default("many") int value) {}

  record Unsupported(@Query Address value) {}

  @Test
  void misconfiguredRecordsFailWithIllegalArgument() {
    Request request = request().build();
    assertThatThrownBy(() -> request.bind(TwoSources.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "component value: 2 sources (expected: one of @Path, @Query, @Form, @Header, @Json)");
    assertThatThrownBy(() -> request.bind(RangeOnText.class))
        .hasMessageEndingWith("component value: @Range on String (expected: a number type)");
    assertThatThrownBy(() -> request.bind(BadRange.class))
        .hasMessage("@Range(\"1..2\") (expected: go-zero's notation, e.g. [1:10) or (0:])");
    assertThatThrownBy(() -> request.bind(BadDefault.class))
        .hasMessageEndingWith(
            "component value: @Default(\"many\") does not bind: query value: many (expected: an integer)");
    assertThatThrownBy(() -> request.bind(Unsupported.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be read from query");
  }

  @Test
  void binder_withOwnMapper() {
    Binder binder = Binder.of(Binder.defaultObjectMapper());
    assertThat(
            binder
                .bind(json("{\"mobile\":\"1\",\"nick_name\":\"n\",\"age\":1}"), Signup.class)
                .age())
        .isEqualTo(1);
  }

  @Test
  void defaultObjectMapper_recyclesBuffersAcrossVirtualThreads() {
    assertThat(Binder.defaultObjectMapper().getFactory()._getRecyclerPool())
        .isSameAs(RecyclerPerThreadKind.instance());
  }
}
