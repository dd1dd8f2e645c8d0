package io.github.zero4j.rest.httpx;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How one record component binds: its source and name, its shape (a value, a {@code List} of
 * values, or a {@code java.util.Optional} of one), whether it is required, its default, and its
 * checks. Built once per record type; immutable.
 */
final class FieldPlan {
  /** The shape of a component. */
  enum Shape {
    VALUE,
    LIST,
    OPTIONAL
  }

  final String component;
  final Source source;
  final String name;
  final Shape shape;
  final Class<?> type;
  final Class<?> element;
  final boolean scalar;
  final @Nullable ObjectReader jsonReader;
  final boolean required;
  final @Nullable Object defaultValue;
  final @Nullable List<String> options;
  final @Nullable RangeSpec range;

  private FieldPlan(
      String component,
      Source source,
      String name,
      Shape shape,
      Class<?> type,
      Class<?> element,
      boolean scalar,
      @Nullable ObjectReader jsonReader,
      boolean required,
      @Nullable Object defaultValue,
      @Nullable List<String> options,
      @Nullable RangeSpec range) {
    this.component = component;
    this.source = source;
    this.name = name;
    this.shape = shape;
    this.type = type;
    this.element = element;
    this.scalar = scalar;
    this.jsonReader = jsonReader;
    this.required = required;
    this.defaultValue = defaultValue;
    this.options = options;
    this.range = range;
  }

  static FieldPlan of(Class<?> record, RecordComponent component, ObjectMapper mapper) {
    String where = "record " + record.getName() + " component " + component.getName();
    Source source = Source.JSON;
    String name = "";
    int sources = 0;
    Path path = component.getAnnotation(Path.class);
    if (path != null) {
      source = Source.PATH;
      name = path.value();
      sources++;
    }
    Query query = component.getAnnotation(Query.class);
    if (query != null) {
      source = Source.QUERY;
      name = query.value();
      sources++;
    }
    Form form = component.getAnnotation(Form.class);
    if (form != null) {
      source = Source.FORM;
      name = form.value();
      sources++;
    }
    Header header = component.getAnnotation(Header.class);
    if (header != null) {
      source = Source.HEADER;
      name = header.value();
      sources++;
    }
    Json json = component.getAnnotation(Json.class);
    if (json != null) {
      source = Source.JSON;
      name = json.value();
      sources++;
    }
    if (sources > 1) {
      throw new IllegalArgumentException(
          where
              + ": "
              + sources
              + " sources (expected: one of @Path, @Query, @Form, @Header, @Json)");
    }
    if (name.isEmpty()) {
      name = component.getName();
    }

    Class<?> type = component.getType();
    Shape shape = Shape.VALUE;
    Type elementType = component.getGenericType();
    if (type == List.class || type == java.util.Optional.class) {
      shape = type == List.class ? Shape.LIST : Shape.OPTIONAL;
      elementType = typeArgument(component.getGenericType(), where);
    }
    Class<?> element = rawClass(elementType, where);
    boolean scalar = Scalars.supports(element);
    if (source.textual() && !scalar) {
      throw new IllegalArgumentException(
          where
              + ": type "
              + component.getGenericType().getTypeName()
              + " cannot be read from "
              + source.label()
              + " (expected: String, a number, boolean, UUID or enum, or a List or Optional of"
              + " one)");
    }
    ObjectReader reader = null;
    if (source == Source.JSON && (!scalar || shape == Shape.LIST)) {
      Type readType = shape == Shape.OPTIONAL ? elementType : component.getGenericType();
      JavaType javaType = mapper.getTypeFactory().constructType(readType);
      reader = mapper.readerFor(javaType);
    }

    Options optionsAnnotation = component.getAnnotation(Options.class);
    List<String> options =
        optionsAnnotation == null ? null : List.copyOf(Arrays.asList(optionsAnnotation.value()));
    Range rangeAnnotation = component.getAnnotation(Range.class);
    RangeSpec range = null;
    if (rangeAnnotation != null) {
      if (!Scalars.numeric(element)) {
        throw new IllegalArgumentException(
            where + ": @Range on " + element.getSimpleName() + " (expected: a number type)");
      }
      range = RangeSpec.parse(rangeAnnotation.value());
    }

    Default defaultAnnotation = component.getAnnotation(Default.class);
    boolean optional =
        component.getAnnotation(Optional.class) != null
            || shape == Shape.OPTIONAL
            || defaultAnnotation != null;
    FieldPlan plan =
        new FieldPlan(
            component.getName(),
            source,
            name,
            shape,
            type,
            element,
            scalar,
            reader,
            !optional,
            null,
            options,
            range);
    if (defaultAnnotation == null) {
      return plan;
    }
    Object defaultValue;
    try {
      defaultValue = plan.parseDefault(defaultAnnotation.value());
    } catch (BindException e) {
      throw new IllegalArgumentException(
          where
              + ": @Default(\""
              + defaultAnnotation.value()
              + "\") does not bind: "
              + e.getMessage(),
          e);
    }
    return new FieldPlan(
        component.getName(),
        source,
        name,
        shape,
        type,
        element,
        scalar,
        reader,
        false,
        defaultValue,
        options,
        range);
  }

  /** The value when the request has none. */
  @Nullable Object absent() {
    if (defaultValue != null) {
      return defaultValue;
    }
    if (required) {
      throw new BindException(
          source.label(), name, "missing required " + source.label() + " field " + name);
    }
    return switch (shape) {
      case LIST -> List.of();
      case OPTIONAL -> java.util.Optional.empty();
      case VALUE -> type.isPrimitive() ? Scalars.zero(type) : null;
    };
  }

  /** The value of request text values (non-empty, in order). */
  Object fromText(List<String> values) {
    if (shape == Shape.LIST) {
      List<Object> converted = new ArrayList<>(values.size());
      for (String value : values) {
        for (String piece : value.split(",", -1)) {
          // Header lists allow whitespace around commas (RFC 9110 section 5.6.1).
          String part = source == Source.HEADER ? piece.trim() : piece;
          if (!part.isEmpty()) {
            converted.add(check(convertText(part), part));
          }
        }
      }
      return Collections.unmodifiableList(converted);
    }
    String text = values.get(0);
    Object value = check(convertText(text), text);
    return shape == Shape.OPTIONAL ? java.util.Optional.of(value) : value;
  }

  /** The value of a JSON field that is present and not null. */
  Object fromJson(JsonNode node) {
    if (scalar && shape != Shape.LIST) {
      Object value = Scalars.fromJson(element, node);
      if (value == null) {
        throw mismatch(abbreviate(node.toString()));
      }
      check(value, node.toString());
      return shape == Shape.OPTIONAL ? java.util.Optional.of(value) : value;
    }
    Object value;
    try {
      value = readJson(node);
    } catch (IOException | IllegalArgumentException e) {
      throw mismatch(abbreviate(node.toString()), e);
    }
    if (value instanceof List) {
      for (Object item : (List<?>) value) {
        if (item != null) {
          check(item, String.valueOf(item));
        }
      }
    } else {
      check(value, node.toString());
    }
    return shape == Shape.OPTIONAL ? java.util.Optional.of(value) : value;
  }

  private Object readJson(JsonNode node) throws IOException {
    ObjectReader reader = jsonReader;
    if (reader == null) {
      throw new IllegalStateException(component + " has no JSON reader");
    }
    Object value = reader.readValue(node);
    if (value == null) {
      throw new IllegalArgumentException("null");
    }
    return value;
  }

  private Object parseDefault(String text) {
    if (source == Source.JSON && (!scalar || shape == Shape.LIST) && jsonReader != null) {
      try {
        Object value = jsonReader.readValue(text);
        if (value == null) {
          throw mismatch(text);
        }
        return shape == Shape.OPTIONAL ? java.util.Optional.of(value) : value;
      } catch (IOException e) {
        throw mismatch(text, e);
      }
    }
    String list = text;
    if (shape == Shape.LIST && list.startsWith("[") && list.endsWith("]")) {
      list = list.substring(1, list.length() - 1);
    }
    return fromText(List.of(list));
  }

  private Object convertText(String text) {
    Object value = Scalars.fromText(element, text);
    if (value == null) {
      throw mismatch(abbreviate(text));
    }
    return value;
  }

  private Object check(Object value, String shown) {
    List<String> allowed = options;
    if (allowed != null && !allowed.contains(Scalars.text(value))) {
      throw new BindException(
          source.label(),
          name,
          source.label()
              + " "
              + name
              + ": "
              + abbreviate(shown)
              + " (expected: one of "
              + allowed
              + ")");
    }
    RangeSpec bounds = range;
    if (bounds != null) {
      BigDecimal decimal = Scalars.decimal(value);
      if (decimal == null || !bounds.contains(decimal)) {
        throw new BindException(
            source.label(),
            name,
            source.label()
                + " "
                + name
                + ": "
                + abbreviate(shown)
                + " (expected: in range "
                + bounds
                + ")");
      }
    }
    return value;
  }

  private BindException mismatch(String shown) {
    return mismatch(shown, null);
  }

  private BindException mismatch(String shown, @Nullable Throwable cause) {
    Class<?> described = shape == Shape.LIST ? List.class : element;
    if (shape == Shape.LIST && source.textual()) {
      described = element;
    }
    return new BindException(
        source.label(),
        name,
        source.label()
            + " "
            + name
            + ": "
            + shown
            + " (expected: "
            + Scalars.expected(described)
            + ")",
        cause);
  }

  static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }

  private static Type typeArgument(Type type, String where) {
    if (!(type instanceof ParameterizedType parameterized)) {
      throw new IllegalArgumentException(
          where + ": raw " + type.getTypeName() + " (expected: a type argument)");
    }
    return parameterized.getActualTypeArguments()[0];
  }

  private static Class<?> rawClass(Type type, String where) {
    if (type instanceof Class<?> plain) {
      return plain;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    throw new IllegalArgumentException(
        where + ": type " + type.getTypeName() + " (expected: a concrete type)");
  }
}
