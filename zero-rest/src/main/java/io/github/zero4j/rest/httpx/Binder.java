package io.github.zero4j.rest.httpx;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.zero4j.core.json.RecyclerPerThreadKind;
import io.github.zero4j.rest.Request;
import io.github.zero4j.rest.RestException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Binds a request into a record, as go-zero's {@code httpx.Parse} does, with the gaps users
 * reported closed (go-zero issues #2657, #4667, #5272):
 *
 * <ul>
 *   <li>Each component names one source: {@link Path @Path}, {@link Query @Query}, {@link
 *       Form @Form}, {@link Header @Header}, or the JSON body ({@link Json @Json}, or no
 *       annotation). Values are read in go-zero's order: path, form and query, header, JSON; then
 *       {@link Validatable#validate()}.
 *   <li>Every component is required unless it is {@link Optional @Optional}, has a {@link
 *       Default @Default}, or is a {@code java.util.Optional}; requiredness applies to its one
 *       source only.
 *   <li>{@link Options @Options} and {@link Range @Range} check values; an {@link
 *       IllegalArgumentException} from the record's compact constructor is a binding failure too.
 *   <li>Every failure is a {@link BindException} (400) whose message names the source and the
 *       field: {@code "missing required json field mobile"}, {@code "path userId: abc (expected: an
 *       integer)"}.
 * </ul>
 *
 * <p>A type that is not a record is read whole from the JSON body. Unknown JSON fields are ignored.
 * A JSON body is read only with a {@code Content-Type} containing {@code application/json} and a
 * non-empty body; otherwise JSON fields are absent.
 *
 * <pre>{@code
 * record CreateOrder(
 *     @Path("shopId") long shopId,
 *     @Header("X-Request-Id") @Optional String requestId,
 *     @Options({"card", "cash"}) String payment,
 *     @Range("[1:100]") int quantity,
 *     java.util.Optional<String> note) implements Validatable { ... }
 *
 * CreateOrder order = request.bind(CreateOrder.class);
 * }</pre>
 *
 * <p>Thread-safe: plans are built once per record type and cached.
 */
public final class Binder {
  private static final String JSON_CONTENT_TYPE = "application/json";
  private static final Binder DEFAULT = new Binder(defaultObjectMapper());

  private final ObjectMapper mapper;
  private final Map<Class<?>, RecordPlan> plans = new ConcurrentHashMap<>();

  private Binder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A binder reading JSON with {@link #defaultObjectMapper()}. */
  public static Binder ofDefaults() {
    return DEFAULT;
  }

  /** A binder reading JSON with {@code mapper}. */
  public static Binder of(ObjectMapper mapper) {
    return new Binder(requireNonNull(mapper, "mapper"));
  }

  /**
   * A JSON mapper that ignores unknown fields, as Go's {@code encoding/json} does. Its buffer
   * recyclers suit virtual threads: Jackson's default keeps one per thread in a {@code
   * ThreadLocal}, which a virtual thread per request never reuses, so each would allocate new
   * buffers. A mapper of your own for a server on JDK 21+ should set the same pool ({@link
   * RecyclerPerThreadKind}).
   */
  public static ObjectMapper defaultObjectMapper() {
    JsonFactory factory =
        JsonFactory.builder().recyclerPool(RecyclerPerThreadKind.instance()).build();
    return JsonMapper.builder(factory)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  /** The JSON mapper. */
  public ObjectMapper objectMapper() {
    return mapper;
  }

  /**
   * The request's values bound into {@code type}.
   *
   * @throws BindException when a value is missing, does not convert or fails a check
   * @throws IllegalArgumentException when {@code type}'s annotations are inconsistent
   */
  public <T> T bind(Request request, Class<T> type) {
    requireNonNull(request, "request");
    requireNonNull(type, "type");
    if (!type.isRecord()) {
      return readWhole(request, type);
    }
    RecordPlan plan = plans.computeIfAbsent(type, t -> RecordPlan.of(t, mapper));
    Object[] arguments = new Object[plan.fields.size()];
    ObjectNode json = plan.readsJson ? jsonObject(request) : null;
    for (int index : plan.readOrder) {
      FieldPlan field = plan.fields.get(index);
      arguments[index] = bindField(field, request, json);
    }
    T value = type.cast(construct(plan, arguments));
    if (value instanceof Validatable validatable) {
      validate(validatable);
    }
    return value;
  }

  private static @Nullable Object bindField(
      FieldPlan field, Request request, @Nullable ObjectNode json) {
    if (field.source == Source.JSON) {
      JsonNode node = json == null ? null : json.get(field.name);
      return node == null || node.isNull() ? field.absent() : field.fromJson(node);
    }
    List<String> values = textValues(field, request);
    return values.isEmpty() ? field.absent() : field.fromText(values);
  }

  private static List<String> textValues(FieldPlan field, Request request) {
    return switch (field.source) {
      case PATH -> {
        String value = request.pathParams().get(field.name);
        yield value == null ? List.of() : List.of(value);
      }
      case HEADER -> nonEmpty(request.headers().values(field.name), List.of());
      case QUERY -> params(request.queryParams(), field.name);
      case FORM, JSON -> params(request.formParams(), field.name);
    };
  }

  private static List<String> params(Map<String, List<String>> params, String name) {
    // go-zero accepts a=1&a=2, a=1,2 and a[]=1&a[]=2.
    return nonEmpty(
        params.getOrDefault(name, List.of()), params.getOrDefault(name + "[]", List.of()));
  }

  private static List<String> nonEmpty(List<String> first, List<String> second) {
    List<String> values = null;
    for (List<String> list : List.of(first, second)) {
      for (String value : list) {
        if (!value.isEmpty()) {
          if (values == null) {
            values = new ArrayList<>(list.size());
          }
          values.add(value);
        }
      }
    }
    return values == null ? List.of() : values;
  }

  private ObjectNode jsonObject(Request request) {
    if (!hasJsonBody(request)) {
      return mapper.createObjectNode();
    }
    JsonNode node = readTree(request);
    if (!node.isObject()) {
      throw new BindException(
          "body",
          "",
          "bad json body: "
              + node.getNodeType().name().toLowerCase(Locale.ROOT)
              + " (expected: an object)");
    }
    return (ObjectNode) node;
  }

  private JsonNode readTree(Request request) {
    try {
      JsonNode node = mapper.readTree(request.bodyStream());
      if (node == null || node.isMissingNode()) {
        throw new BindException("body", "", "bad json body: no value (expected: an object)");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new BindException("body", "", "bad json body: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BindException("body", "", "bad json body: " + e.getMessage(), e);
    }
  }

  private <T> T readWhole(Request request, Class<T> type) {
    if (!hasJsonBody(request)) {
      throw new BindException(
          "body", "", "missing json body (expected: Content-Type application/json and a body)");
    }
    try {
      T value = mapper.readValue(request.bodyStream(), type);
      if (value == null) {
        throw new BindException("body", "", "bad json body: null");
      }
      if (value instanceof Validatable validatable) {
        validate(validatable);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new BindException("body", "", "bad json body: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BindException("body", "", "bad json body: " + e.getMessage(), e);
    }
  }

  private static boolean hasJsonBody(Request request) {
    String contentType = request.header("Content-Type").orElse("");
    return request.bodyLength() > 0
        && contentType.toLowerCase(Locale.ROOT).contains(JSON_CONTENT_TYPE);
  }

  private static Object construct(RecordPlan plan, Object[] arguments) {
    try {
      return plan.constructor.newInstance(arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RestException rest) {
        throw rest;
      }
      if (cause instanceof IllegalArgumentException) {
        throw new BindException("body", "", String.valueOf(cause.getMessage()), cause);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("record " + plan.type.getName() + " constructor failed", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("record " + plan.type.getName() + " not constructible", e);
    }
  }

  private static void validate(Validatable value) {
    try {
      value.validate();
    } catch (RestException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new BindException("body", "", String.valueOf(e.getMessage()), e);
    }
  }
}
