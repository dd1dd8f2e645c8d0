package io.github.zero4j.core.conf;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Array;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One component of a config type, with everything its annotations say, checked when the type is
 * first bound: the key it reads, its checks, and the value it takes when its key is absent.
 * Immutable.
 */
final class Property {
  private static final Map<Class<?>, Object> ZEROS =
      Map.ofEntries(
          Map.entry(boolean.class, false),
          Map.entry(Boolean.class, false),
          Map.entry(byte.class, (byte) 0),
          Map.entry(Byte.class, (byte) 0),
          Map.entry(short.class, (short) 0),
          Map.entry(Short.class, (short) 0),
          Map.entry(int.class, 0),
          Map.entry(Integer.class, 0),
          Map.entry(long.class, 0L),
          Map.entry(Long.class, 0L),
          Map.entry(float.class, 0f),
          Map.entry(Float.class, 0f),
          Map.entry(double.class, 0d),
          Map.entry(Double.class, 0d),
          Map.entry(BigInteger.class, BigInteger.ZERO),
          Map.entry(BigDecimal.class, BigDecimal.ZERO),
          Map.entry(String.class, ""),
          Map.entry(Duration.class, Duration.ZERO));

  private static final List<Class<? extends Annotation>> NOT_WITH_INLINE =
      List.of(Default.class, OptionalKey.class, Options.class, Range.class, ByteSize.class);

  private final String name;
  private final String key;
  private final Type type;
  private final Types.Shape shape;
  private final boolean byteSize;
  private final Checks checks;
  private final boolean hasAbsentValue;
  private final @Nullable Object absentValue;
  private final @Nullable ObjectModel inlined;

  private Property(
      String name,
      String key,
      Type type,
      Types.Shape shape,
      boolean byteSize,
      Checks checks,
      boolean hasAbsentValue,
      @Nullable Object absentValue,
      @Nullable ObjectModel inlined) {
    this.name = name;
    this.key = key;
    this.type = type;
    this.shape = shape;
    this.byteSize = byteSize;
    this.checks = checks;
    this.hasAbsentValue = hasAbsentValue;
    this.absentValue = absentValue;
    this.inlined = inlined;
  }

  /**
   * Reads one component's declaration.
   *
   * @param annotations where the annotations are (record component or constructor parameter)
   * @param inlineChain the types being inlined around this one, to reject cycles
   * @throws IllegalArgumentException describing the first thing wrong with the declaration
   */
  static Property of(
      String name,
      Type type,
      AnnotatedElement annotations,
      AnnotatedType annotatedType,
      List<Class<?>> inlineChain) {
    boolean byteSize = annotations.isAnnotationPresent(ByteSize.class);
    Types.Shape shape = Types.shape(type, byteSize);
    Key rename = annotations.getAnnotation(Key.class);
    String key = rename != null ? rename.value() : capitalize(name);
    if (key.isBlank()) {
      throw new IllegalArgumentException("@Key(\"\") (expected: a key name)");
    }
    if (annotations.isAnnotationPresent(Inline.class)) {
      return inline(name, key, type, shape, annotations, inlineChain);
    }
    Checks checks = checks(type, byteSize, annotations);
    Default fallback = annotations.getAnnotation(Default.class);
    boolean optionalKey = annotations.isAnnotationPresent(OptionalKey.class);
    if (fallback != null && optionalKey) {
      throw new IllegalArgumentException("@Default and @OptionalKey (expected: one of them)");
    }
    if (fallback != null) {
      Object value = defaultValue(fallback.value(), type, shape, byteSize, checks);
      return new Property(name, key, type, shape, byteSize, checks, true, value, null);
    }
    if (optionalKey) {
      return new Property(name, key, type, shape, byteSize, checks, true, zero(type, shape), null);
    }
    if (shape == Types.Shape.OPTIONAL) {
      return new Property(name, key, type, shape, byteSize, checks, true, Optional.empty(), null);
    }
    if (isNullable(annotatedType)) {
      return new Property(name, key, type, shape, byteSize, checks, true, null, null);
    }
    return new Property(name, key, type, shape, byteSize, checks, false, null, null);
  }

  /** The Java name, for definition errors. */
  String name() {
    return name;
  }

  /** The key as shown in messages: {@link Key}, or the name with a capital first letter. */
  String key() {
    return key;
  }

  Type type() {
    return type;
  }

  Types.Shape shape() {
    return shape;
  }

  boolean byteSize() {
    return byteSize;
  }

  Checks checks() {
    return checks;
  }

  /** Whether an absent key is fine; {@link #absentValue()} is then what the component gets. */
  boolean hasAbsentValue() {
    return hasAbsentValue;
  }

  @Nullable Object absentValue() {
    return absentValue;
  }

  /** The model whose keys this component lends to its enclosing level, or {@code null}. */
  @Nullable ObjectModel inlined() {
    return inlined;
  }

  private static Property inline(
      String name,
      String key,
      Type type,
      Types.Shape shape,
      AnnotatedElement annotations,
      List<Class<?>> inlineChain) {
    if (shape != Types.Shape.OBJECT) {
      throw new IllegalArgumentException(
          "@Inline on " + type.getTypeName() + " (expected: a record or class component)");
    }
    for (Class<? extends Annotation> other : NOT_WITH_INLINE) {
      if (annotations.isAnnotationPresent(other)) {
        throw new IllegalArgumentException(
            "@Inline with @" + other.getSimpleName() + " (expected: @Inline alone)");
      }
    }
    Class<?> raw = Types.raw(type);
    if (inlineChain.contains(raw)) {
      throw new IllegalArgumentException(
          "@Inline cycle through " + raw.getName() + " (expected: no type inlining itself)");
    }
    List<Class<?>> chain = new ArrayList<>(inlineChain);
    chain.add(raw);
    ObjectModel model = ObjectModel.build(raw, chain);
    return new Property(name, key, type, shape, false, Checks.NONE, false, null, model);
  }

  private static Checks checks(Type type, boolean byteSize, AnnotatedElement annotations) {
    Options options = annotations.getAnnotation(Options.class);
    Range range = annotations.getAnnotation(Range.class);
    if (options == null && range == null) {
      return Checks.NONE;
    }
    Class<?> leaf = Types.raw(Types.leaf(type, byteSize));
    Converter converter = Converter.of(leaf, byteSize);
    if (converter == null) {
      throw new IllegalArgumentException(
          "@Options or @Range on " + type.getTypeName() + " (expected: a scalar component)");
    }
    @Nullable List<Object> allowed = null;
    List<String> texts = List.of();
    if (options != null) {
      if (options.value().length == 0) {
        throw new IllegalArgumentException("@Options({}) (expected: at least one value)");
      }
      allowed = new ArrayList<>();
      texts = List.of(options.value());
      for (String text : texts) {
        try {
          allowed.add(converter.convert(text));
        } catch (Mismatch e) {
          throw new IllegalArgumentException(
              "@Options value " + text + " (expected: " + e.expected() + ")", e);
        }
      }
    }
    @Nullable Interval interval = null;
    if (range != null) {
      if (!isNumeric(leaf)) {
        throw new IllegalArgumentException(
            "@Range on " + type.getTypeName() + " (expected: a numeric component)");
      }
      interval = Interval.parse(range.value());
    }
    return new Checks(allowed, texts, interval);
  }

  private static Object defaultValue(
      String text, Type type, Types.Shape shape, boolean byteSize, Checks checks) {
    boolean wrapped = shape == Types.Shape.OPTIONAL;
    Type target = wrapped ? Types.element(type) : type;
    Converter converter = Converter.of(Types.raw(target), byteSize);
    if (converter == null) {
      throw new IllegalArgumentException(
          "@Default on "
              + type.getTypeName()
              + " (expected: a scalar component; absent lists, maps and records have their own"
              + " rules)");
    }
    try {
      Object value = converter.convert(text);
      checks.verify(value);
      return wrapped ? Optional.of(value) : value;
    } catch (Mismatch e) {
      throw new IllegalArgumentException(
          "@Default(\"" + text + "\") (expected: " + e.expected() + ")", e);
    }
  }

  private static Object zero(Type type, Types.Shape shape) {
    return switch (shape) {
      case OPTIONAL -> Optional.empty();
      case LIST -> List.of();
      case SET -> Set.of();
      case MAP -> Map.of();
      case ARRAY -> Array.newInstance(Types.raw(Types.element(type)), 0);
      case SCALAR, OBJECT -> scalarZero(type);
    };
  }

  private static Object scalarZero(Type type) {
    @Nullable Object zero = ZEROS.get(Types.raw(type));
    if (zero == null) {
      throw new IllegalArgumentException(
          "@OptionalKey on "
              + type.getTypeName()
              + ", which has no zero value (expected: Optional<"
              + type.getTypeName()
              + "> or a @Nullable component)");
    }
    return zero;
  }

  private static boolean isNumeric(Class<?> type) {
    return (type.isPrimitive() && type != boolean.class && type != char.class)
        || Number.class.isAssignableFrom(type);
  }

  private static boolean isNullable(AnnotatedType annotatedType) {
    return annotatedType.isAnnotationPresent(Nullable.class);
  }

  private static String capitalize(String name) {
    return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }
}
