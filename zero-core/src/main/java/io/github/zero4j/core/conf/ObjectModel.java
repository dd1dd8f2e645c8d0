package io.github.zero4j.core.conf;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How to build one config type: its components in constructor order, its key index (including the
 * keys of {@link Inline} components) and its constructor. Records use their canonical constructor;
 * other classes their only public constructor, whose parameter names must be compiled in ({@code
 * javac -parameters}). Built once per type and cached; immutable and thread-safe.
 */
final class ObjectModel {
  private static final ClassValue<ObjectModel> CACHE =
      new ClassValue<>() {
        @Override
        protected ObjectModel computeValue(Class<?> type) {
          Set<Class<?>> building = BUILDING.get();
          building.add(type);
          try {
            ObjectModel model = build(type, List.of(type));
            model.checkNestedTypes();
            return model;
          } finally {
            building.remove(type);
          }
        }
      };

  /**
   * Types whose model this thread is computing. Nested types are checked eagerly, so a bad
   * annotation inside an absent {@code Optional<Signature>} fails at once; a type that contains
   * itself ({@code List<Tree> children}) is skipped while it is being built.
   */
  private static final ThreadLocal<Set<Class<?>>> BUILDING = ThreadLocal.withInitial(HashSet::new);

  private final Class<?> type;
  private final List<Property> properties;
  private final KeyMatcher keys;
  private final Constructor<?> constructor;

  private ObjectModel(
      Class<?> type, List<Property> properties, KeyMatcher keys, Constructor<?> constructor) {
    this.type = type;
    this.properties = properties;
    this.keys = keys;
    this.constructor = constructor;
  }

  /**
   * The model of {@code type}.
   *
   * @throws ConfigException when the type or one of its components cannot be bound
   */
  static ObjectModel of(Class<?> type) {
    return CACHE.get(type);
  }

  /** Whether {@code type} is a record or a concrete class with exactly one public constructor. */
  static boolean isBindable(Class<?> type) {
    if (type.isRecord()) {
      return true;
    }
    boolean concrete =
        !type.isInterface()
            && !type.isPrimitive()
            && !type.isArray()
            && !type.isEnum()
            && !Modifier.isAbstract(type.getModifiers())
            && !type.getName().startsWith("java.");
    return concrete && type.getConstructors().length == 1;
  }

  /** Builds without the cache; {@code inlineChain} lists the types inlined so far. */
  static ObjectModel build(Class<?> type, List<Class<?>> inlineChain) {
    if (!isBindable(type)) {
      throw definitionError(
          type, "not a record, and not a class with one public constructor (expected: either)");
    }
    if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
      throw definitionError(type, "an inner class (expected: a static nested or top-level class)");
    }
    Constructor<?> constructor = constructor(type);
    List<Property> properties = new ArrayList<>();
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        properties.add(property(type, c.getName(), c, inlineChain));
      }
    } else {
      for (Parameter p : constructor.getParameters()) {
        if (!p.isNamePresent()) {
          throw definitionError(
              type, "constructor parameter names are missing (expected: javac -parameters)");
        }
        properties.add(property(type, p.getName(), p, inlineChain));
      }
    }
    KeyMatcher keys;
    try {
      keys = KeyMatcher.of(flatten(properties));
    } catch (IllegalArgumentException e) {
      throw definitionError(type, String.valueOf(e.getMessage()));
    }
    return new ObjectModel(type, List.copyOf(properties), keys, constructor);
  }

  Class<?> type() {
    return type;
  }

  /** The components, in constructor order. */
  List<Property> properties() {
    return properties;
  }

  /** The key index over this type's keys and those of its inlined components. */
  KeyMatcher keys() {
    return keys;
  }

  /**
   * Calls the constructor.
   *
   * @throws InvocationTargetException when the constructor itself threw (a validation failure)
   */
  Object create(@Nullable Object[] arguments) throws InvocationTargetException {
    try {
      return constructor.newInstance(arguments);
    } catch (InstantiationException | IllegalAccessException | IllegalArgumentException e) {
      throw definitionError(type, "cannot call its constructor: " + e);
    }
  }

  /** Builds (and caches) the model of every record or class reachable from this one. */
  private void checkNestedTypes() {
    for (Property property : properties) {
      @Nullable ObjectModel inlined = property.inlined();
      if (inlined != null) {
        inlined.checkNestedTypes();
        continue;
      }
      Class<?> leaf = Types.raw(Types.leaf(property.type(), property.byteSize()));
      boolean object = Types.shape(leaf, property.byteSize()) == Types.Shape.OBJECT;
      if (object && !BUILDING.get().contains(leaf)) {
        of(leaf);
      }
    }
  }

  private static Constructor<?> constructor(Class<?> type) {
    try {
      Constructor<?> constructor;
      if (type.isRecord()) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
          types[i] = components[i].getType();
        }
        constructor = type.getDeclaredConstructor(types);
      } else {
        constructor = type.getConstructors()[0];
      }
      constructor.setAccessible(true);
      return constructor;
    } catch (NoSuchMethodException | RuntimeException e) {
      throw definitionError(type, "cannot use its constructor: " + e);
    }
  }

  private static Property property(
      Class<?> owner,
      String name,
      java.lang.reflect.AnnotatedElement element,
      List<Class<?>> inlineChain) {
    try {
      if (element instanceof RecordComponent c) {
        return Property.of(name, c.getGenericType(), c, c.getAnnotatedType(), inlineChain);
      }
      Parameter p = (Parameter) element;
      return Property.of(name, p.getParameterizedType(), p, p.getAnnotatedType(), inlineChain);
    } catch (IllegalArgumentException e) {
      throw definitionError(owner, "component " + name + ": " + e.getMessage());
    }
  }

  private static List<Property> flatten(List<Property> properties) {
    List<Property> flat = new ArrayList<>();
    for (Property property : properties) {
      @Nullable ObjectModel inlined = property.inlined();
      if (inlined == null) {
        flat.add(property);
      } else {
        flat.addAll(flatten(inlined.properties()));
      }
    }
    return flat;
  }

  private static ConfigException definitionError(Class<?> type, String problem) {
    return Problems.single(type.getName(), 0, problem, null);
  }
}
