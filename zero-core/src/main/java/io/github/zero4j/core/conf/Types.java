package io.github.zero4j.core.conf;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Classifies the generic types a config component may have. Stateless. */
final class Types {
  /** How a type is bound. */
  enum Shape {
    /** One scalar through a {@link Converter}. */
    SCALAR,
    /** {@code Optional<T>}. */
    OPTIONAL,
    /** {@code List<T>} or {@code Collection<T>}. */
    LIST,
    /** {@code Set<T>}. */
    SET,
    /** {@code T[]}. */
    ARRAY,
    /** {@code Map<K, V>} with a scalar {@code K}. */
    MAP,
    /** A record or a class with one public constructor, through an {@link ObjectModel}. */
    OBJECT
  }

  private Types() {}

  /**
   * The shape of {@code type}.
   *
   * @throws IllegalArgumentException when the type cannot be bound
   */
  static Shape shape(Type type, boolean byteSize) {
    Class<?> raw = raw(type);
    if (Converter.of(raw, byteSize) != null) {
      return Shape.SCALAR;
    }
    Shape container = containerShape(raw);
    if (byteSize && container == null) {
      throw new IllegalArgumentException(
          "@ByteSize on " + type.getTypeName() + " (expected: an int or long component)");
    }
    if (container != null) {
      if (container == Shape.MAP && Converter.of(raw(mapKey(type)), false) == null) {
        throw new IllegalArgumentException(
            "map key type " + mapKey(type).getTypeName() + " (expected: a scalar type)");
      }
      shape(element(type), byteSize); // the element must be bindable too
      return container;
    }
    if (ObjectModel.isBindable(raw)) {
      return Shape.OBJECT;
    }
    throw new IllegalArgumentException(
        "unsupported type "
            + type.getTypeName()
            + " (expected: a scalar, Optional, List, Set, array, Map, record, or class with one"
            + " public constructor)");
  }

  /**
   * The type a container holds: an Optional's, List's or Set's element, array component, or map
   * value.
   */
  static Type element(Type type) {
    if (type instanceof GenericArrayType array) {
      return array.getGenericComponentType();
    }
    Class<?> raw = raw(type);
    if (raw.isArray()) {
      return raw.getComponentType();
    }
    return argument(type, raw == Map.class ? 1 : 0);
  }

  /** A map type's key type. */
  static Type mapKey(Type type) {
    return argument(type, 0);
  }

  /**
   * The innermost non-container type: {@code List<Optional<Integer>>} gives {@code Integer}.
   *
   * @throws IllegalArgumentException when the type cannot be bound
   */
  static Type leaf(Type type, boolean byteSize) {
    Type current = type;
    while (true) {
      Shape shape = shape(current, byteSize);
      if (shape == Shape.SCALAR || shape == Shape.OBJECT) {
        return current;
      }
      current = element(current);
    }
  }

  /** The class behind a type; wildcards use their upper bound. */
  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    if (type instanceof GenericArrayType array) {
      Class<?> component = raw(array.getGenericComponentType());
      return Array.newInstance(component, 0).getClass();
    }
    if (type instanceof WildcardType wildcard) {
      return raw(wildcard.getUpperBounds()[0]);
    }
    throw new IllegalArgumentException(
        "type variable " + type.getTypeName() + " (expected: a concrete type)");
  }

  private static @Nullable Shape containerShape(Class<?> raw) {
    if (raw == Optional.class) {
      return Shape.OPTIONAL;
    }
    if (raw == List.class || raw == Collection.class) {
      return Shape.LIST;
    }
    if (raw == Set.class) {
      return Shape.SET;
    }
    if (raw == Map.class) {
      return Shape.MAP;
    }
    return raw.isArray() ? Shape.ARRAY : null;
  }

  private static Type argument(Type type, int index) {
    if (!(type instanceof ParameterizedType parameterized)) {
      throw new IllegalArgumentException(
          "raw type " + type.getTypeName() + " (expected: type arguments, as in List<String>)");
    }
    Type argument = parameterized.getActualTypeArguments()[index];
    if (argument instanceof WildcardType wildcard) {
      return wildcard.getUpperBounds()[0];
    }
    return argument;
  }
}
