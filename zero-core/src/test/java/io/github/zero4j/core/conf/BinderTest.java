package io.github.zero4j.core.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Binding of every supported shape, through YAML text. */
class BinderTest {
  private static final ConfLoader LOADER = ConfLoader.builder().env(Map.of()).build();

  enum Level {
    DEBUG,
    INFO,
    ERROR
  }

  record Scalars(
      String text,
      boolean flag,
      byte tiny,
      short small,
      int number,
      long big,
      float ratio,
      double precise,
      Integer boxed,
      BigInteger huge,
      BigDecimal money,
      Level level,
      Duration pause) {}

  @Test
  void scalars_bindFromTheirTextForms() {
    String yaml =
        """
        Text: 1.10
        Flag: yes
        Tiny: -128
        Small: 32767
        Number: '42'
        Big: 9000000000
        Ratio: 0.5
        Precise: 1e-3
        Boxed: +7
        Huge: 123456789012345678901234567890
        Money: 19.99
        Level: Error
        Pause: 1m30s
        """;

    Scalars s = LOADER.load(yaml, Format.YAML, Scalars.class);

    assertThat(s.text()).isEqualTo("1.10");
    assertThat(s.flag()).isTrue();
    assertThat(s.tiny()).isEqualTo((byte) -128);
    assertThat(s.small()).isEqualTo((short) 32767);
    assertThat(s.number()).isEqualTo(42);
    assertThat(s.big()).isEqualTo(9_000_000_000L);
    assertThat(s.ratio()).isEqualTo(0.5f);
    assertThat(s.precise()).isEqualTo(0.001);
    assertThat(s.boxed()).isEqualTo(7);
    assertThat(s.huge()).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(s.money()).isEqualTo(new BigDecimal("19.99"));
    assertThat(s.level()).isEqualTo(Level.ERROR);
    assertThat(s.pause()).isEqualTo(Duration.ofSeconds(90));
  }

  record Port(int port) {}

  @Test
  void integers_rejectFractionsAndOverflow() {
    assertThat(problems("Port: 1.5", Port.class))
        .containsExactly("Port: 1.5 (expected: an integer between -2147483648 and 2147483647)");
    assertThat(problems("Port: 3000000000", Port.class))
        .containsExactly(
            "Port: 3000000000 (expected: an integer between -2147483648 and 2147483647)");
    assertThat(problems("Port: true", Port.class)).hasSize(1);
  }

  record Flag(boolean on) {}

  @Test
  void booleans_acceptGoZeroAndYamlSpellings_only() {
    for (String yes : List.of("true", "True", "1", "on", "yes")) {
      assertThat(LOADER.load("On: " + yes, Format.YAML, Flag.class).on()).as(yes).isTrue();
    }
    for (String no : List.of("false", "0", "off", "no")) {
      assertThat(LOADER.load("On: " + no, Format.YAML, Flag.class).on()).as(no).isFalse();
    }
    assertThat(problems("On: maybe", Flag.class))
        .containsExactly("On: maybe (expected: true or false)");
  }

  record WithEnum(Level level) {}

  @Test
  void enums_matchCaseInsensitively_andListConstantsOnError() {
    assertThat(LOADER.load("Level: debug", Format.YAML, WithEnum.class).level())
        .isEqualTo(Level.DEBUG);
    assertThat(problems("Level: trace", WithEnum.class))
        .containsExactly("Level: trace (expected: one of debug, info, error)");
  }

  record Timeouts(Duration millis, Duration go, Duration iso, Duration quotedMillis) {}

  @Test
  void durations_integerIsMillis_stringsAreGoOrIso() {
    Timeouts t =
        LOADER.load(
            "Millis: 3000\nGo: 1h2m3.5s\nIso: PT3S\nQuotedMillis: '250'",
            Format.YAML,
            Timeouts.class);

    assertThat(t.millis()).isEqualTo(Duration.ofSeconds(3));
    assertThat(t.go()).isEqualTo(Duration.ofHours(1).plusMinutes(2).plusMillis(3500));
    assertThat(t.iso()).isEqualTo(Duration.ofSeconds(3));
    assertThat(t.quotedMillis()).isEqualTo(Duration.ofMillis(250));
  }

  record Sizes(@ByteSize long body, @ByteSize int chunk, @ByteSize @OptionalKey List<Long> more) {}

  @Test
  void byteSizes_acceptUnits() {
    Sizes s = LOADER.load("Body: 8MiB\nChunk: 512k\nMore: [1KB, 2]", Format.YAML, Sizes.class);

    assertThat(s.body()).isEqualTo(8L << 20);
    assertThat(s.chunk()).isEqualTo(512 << 10);
    assertThat(s.more()).containsExactly(1024L, 2L);
    assertThat(problems("Body: 1\nChunk: 4GiB", Sizes.class))
        .containsExactly("Chunk: 4GiB (expected: a byte size up to 2147483647)");
  }

  @SuppressWarnings("ArrayRecordComponent") // arrays are a supported shape, tested here
  record Collections(
      List<String> hosts, Set<Integer> ports, int[] weights, Map<String, Duration> timeouts) {}

  @Test
  void collections_bindInFileOrder_andAreUnmodifiable() {
    String yaml =
        """
        Hosts: [b, a]
        Ports:
          - 2
          - 1
          - 2
        Weights: [3, 4]
        Timeouts:
          /user/Login: 500ms
          /user/info: 2000
        """;

    Collections c = LOADER.load(yaml, Format.YAML, Collections.class);

    assertThat(c.hosts()).containsExactly("b", "a");
    assertThat(c.ports()).containsExactly(2, 1);
    assertThat(c.weights()).containsExactly(3, 4);
    assertThat(c.timeouts())
        .containsExactly(
            Map.entry("/user/Login", Duration.ofMillis(500)),
            Map.entry("/user/info", Duration.ofMillis(2000)));
    assertThat(c.timeouts().keySet()).containsExactly("/user/Login", "/user/info");
    assertThat(catchThrowableOfType(UnsupportedOperationException.class, () -> c.hosts().add("x")))
        .isNotNull();
    assertThat(
            catchThrowableOfType(
                UnsupportedOperationException.class, () -> c.timeouts().put("x", Duration.ZERO)))
        .isNotNull();
  }

  @Test
  void collections_reportEachBadElementWithItsIndex() {
    String yaml = "Hosts: {a: 1}\nPorts: [1, x, 3, y]\nWeights: 5\nTimeouts: [1]\n";

    assertThat(problems(yaml, Collections.class))
        .containsExactly(
            "Hosts: an object (expected: a list)",
            "Ports[1]: x (expected: an integer between -2147483648 and 2147483647)",
            "Ports[3]: y (expected: an integer between -2147483648 and 2147483647)",
            "Timeouts: a list (expected: an object)");
  }

  @Test
  void collections_areRequiredUnlessOptional() {
    assertThat(problems("Hosts: [a]\nPorts: [1]\nWeights: [1]", Collections.class))
        .containsExactly("missing required key Timeouts");
  }

  record Endpoint(String host, @Default("80") int port) {}

  record Upstreams(List<Endpoint> endpoints, Map<String, Endpoint> byName) {}

  @Test
  void nestedRecords_inListsAndMaps_applyDefaults_andReportPaths() {
    Upstreams u =
        LOADER.load(
            "Endpoints:\n  - Host: a\n  - {Host: b, Port: 81}\nByName:\n  main: {Host: c}\n",
            Format.YAML,
            Upstreams.class);

    assertThat(u.endpoints()).containsExactly(new Endpoint("a", 80), new Endpoint("b", 81));
    assertThat(u.byName()).containsEntry("main", new Endpoint("c", 80));
    assertThat(problems("Endpoints:\n  - Hots: a\nByName: {x: {Port: 1}}", Upstreams.class))
        .containsExactly(
            "unknown key Endpoints[0].Hots (did you mean Endpoints[0].Host?)",
            "missing required key Endpoints[0].Host",
            "missing required key ByName.x.Host");
  }

  record Optionals(
      Optional<String> name,
      Optional<Endpoint> backup,
      @Default("5s") Optional<Duration> grace,
      @Nullable Endpoint primary,
      @Nullable String label) {}

  @Test
  void optionalAndNullable_absentMeansEmptyOrNull() {
    Optionals absent = LOADER.load("", Format.YAML, Optionals.class);
    Optionals present =
        LOADER.load(
            "Name: n\nBackup: {Host: b}\nGrace: 1s\nPrimary: {Host: p}\nLabel: l",
            Format.YAML,
            Optionals.class);

    assertThat(absent.name()).isEmpty();
    assertThat(absent.backup()).isEmpty();
    assertThat(absent.grace()).hasValue(Duration.ofSeconds(5));
    assertThat(absent.primary()).isNull();
    assertThat(absent.label()).isNull();
    assertThat(present.name()).hasValue("n");
    assertThat(present.backup()).hasValue(new Endpoint("b", 80));
    assertThat(present.grace()).hasValue(Duration.ofSeconds(1));
    assertThat(present.primary()).isEqualTo(new Endpoint("p", 80));
    assertThat(present.label()).isEqualTo("l");
  }

  @SuppressWarnings("ArrayRecordComponent") // arrays are a supported shape, tested here
  record Zeros(
      @OptionalKey String s,
      @OptionalKey int i,
      @OptionalKey boolean b,
      @OptionalKey Duration d,
      @OptionalKey List<String> l,
      @OptionalKey Map<String, String> m,
      @OptionalKey String[] a) {}

  @Test
  void optionalKey_absentTakesTheZeroValue() {
    Zeros z = LOADER.load("{}", Format.YAML, Zeros.class);

    assertThat(z.s()).isEmpty();
    assertThat(z.i()).isZero();
    assertThat(z.b()).isFalse();
    assertThat(z.d()).isZero();
    assertThat(z.l()).isEmpty();
    assertThat(z.m()).isEmpty();
    assertThat(z.a()).isEmpty();
  }

  record Named(String name, @Default("x") String other) {}

  @Test
  void keyWithNoValue_isAbsentForDefaults_butReportedWhenRequired() {
    assertThat(LOADER.load("Name: n\nOther:", Format.YAML, Named.class).other()).isEqualTo("x");
    assertThat(problems("Name: ~", Named.class))
        .containsExactly("Name: no value (expected: a string)");
  }

  @Test
  void presentButEmptyRecord_getsItsDefaults() {
    RestConfExample rest =
        LOADER.load(
            "Name: a\nPort: 1\nMiddlewares:\nLog: {}\n", Format.YAML, RestConfExample.class);

    assertThat(rest.middlewares().breaker()).isTrue();
    assertThat(rest.service().log().level()).isEqualTo("info");
  }

  record Validated(String host, int port) {
    Validated {
      if (host.isBlank()) {
        throw new IllegalArgumentException("Host must not be blank");
      }
    }
  }

  record Outer(Validated upstream) {}

  @Test
  void compactConstructorFailure_isReportedAtItsKey() {
    assertThat(problems("Upstream: {Host: ' ', Port: 1}", Outer.class))
        .containsExactly("Upstream: Host must not be blank (rejected by Validated)");
  }

  /** A plain immutable class bound through its one public constructor. */
  static final class PlainClass {
    private final String host;
    private final Duration timeout;

    public PlainClass(String host, @Default("2s") Duration timeout) {
      this.host = host;
      this.timeout = timeout;
    }

    String host() {
      return host;
    }

    Duration timeout() {
      return timeout;
    }
  }

  @Test
  void classWithOnePublicConstructor_bindsByParameterNames() {
    PlainClass c = LOADER.load("HOST: h", Format.YAML, PlainClass.class);

    assertThat(c.host()).isEqualTo("h");
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void yamlAnchorsAliasesAndMergeKeys_areResolved() {
    String yaml =
        """
        Base: &base {Host: shared, Port: 81}
        Endpoints:
          - *base
          - <<: *base
            Port: 82
        ByName: {}
        """;
    record WithBase(Endpoint base, List<Endpoint> endpoints, Map<String, Endpoint> byName) {}

    WithBase w = LOADER.load(yaml, Format.YAML, WithBase.class);

    assertThat(w.endpoints())
        .containsExactly(new Endpoint("shared", 81), new Endpoint("shared", 82));
  }

  @Test
  void duplicateMapKeys_andSecondDocuments_areRejected() {
    assertThat(problems("Endpoints: []\nByName: {a: {Host: x}, a: {Host: y}}", Upstreams.class))
        .containsExactly("duplicate key ByName.a (first given as a on line 2)");
    ConfigException twoDocs =
        catchThrowableOfType(
            ConfigException.class,
            () -> LOADER.load("Host: a\n---\nHost: b\n", Format.YAML, Endpoint.class));
    assertThat(twoDocs.problems())
        .containsExactly("more than one document (expected: a single document)");
  }

  @Test
  void rootThatIsNotAMapping_isReported() {
    assertThat(problems("- a\n- b\n", Endpoint.class))
        .containsExactly("the document: a list (expected: an object)");
  }

  @Test
  void emptyDocument_bindsLikeAnEmptyMapping() {
    assertThat(problems("# nothing here\n", Endpoint.class))
        .containsExactly("missing required key Host");
  }

  record Tree(String name, @OptionalKey List<Tree> children) {}

  @Test
  void selfReferencingTypes_bindToAnyDepth() {
    Tree tree =
        LOADER.load(
            "Name: root\nChildren:\n  - Name: a\n    Children: [{Name: a1}]\n  - Name: b\n",
            Format.YAML,
            Tree.class);

    assertThat(tree.children()).extracting(Tree::name).containsExactly("a", "b");
    assertThat(tree.children().get(0).children()).containsExactly(new Tree("a1", List.of()));
  }

  private static List<String> problems(String yaml, Class<?> type) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> LOADER.load(yaml, Format.YAML, type));
    assertThat(e).as("expected a ConfigException").isNotNull();
    return e.problems();
  }
}
