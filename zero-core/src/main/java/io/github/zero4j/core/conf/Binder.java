package io.github.zero4j.core.conf;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/*
 * The tree walker. It descends the Node tree and the target type together, building values
 * bottom-up: scalars through a Converter, containers item by item, objects by matching each member
 * to a component (KeyMatcher) and calling the constructor with the results.
 *
 * Errors do not stop the walk. Each one goes to Problems with its key path and line, and the
 * failing subtree yields null; an object whose children added problems is not constructed (its
 * constructor would see nulls), but its siblings are still walked, so one run reports every
 * mistake in the file. Whether a subtree failed is read from the problem count, which leaves null
 * free to mean a legitimately absent @Nullable component.
 *
 * Key paths use the member keys as the file spells them (Redis.Host, Cache[0].Pass), and the
 * canonical key for absent ones.
 */

/** Binds one tree to one type, reporting into one {@link Problems}. Single use, not thread-safe. */
final class Binder {
  private final @Nullable EnvExpander env;
  private final Problems problems;

  Binder(@Nullable EnvExpander env, Problems problems) {
    this.env = env;
    this.problems = problems;
  }

  /** Binds the document; {@code null} when problems were recorded. */
  @Nullable Object bindRoot(Node root, Class<?> type) {
    try {
      Types.shape(type, false);
    } catch (IllegalArgumentException e) {
      throw Problems.single(type.getName(), 0, String.valueOf(e.getMessage()), null);
    }
    Node document = root instanceof Node.Empty ? new Node.Mapping(List.of(), 0) : root;
    return bind(document, type, Checks.NONE, false, "", 0);
  }

  private @Nullable Object bind(
      Node node, Type type, Checks checks, boolean byteSize, String path, int line) {
    if (node instanceof Node.Empty) {
      String expected = expected(type, byteSize);
      problems.add(node.line(), label(path) + ": no value (expected: " + expected + ")");
      return null;
    }
    Types.Shape shape = Types.shape(type, byteSize);
    return switch (shape) {
      case SCALAR -> scalar(node, type, checks, byteSize, path);
      case OPTIONAL -> optional(node, type, checks, byteSize, path, line);
      case LIST, SET, ARRAY -> collection(node, type, shape, checks, byteSize, path);
      case MAP -> map(node, type, checks, byteSize, path);
      case OBJECT -> object(node, ObjectModel.of(Types.raw(type)), path, line);
    };
  }

  private @Nullable Object optional(
      Node node, Type type, Checks checks, boolean byteSize, String path, int line) {
    @Nullable Object value = bind(node, Types.element(type), checks, byteSize, path, line);
    return value == null ? null : Optional.of(value);
  }

  private @Nullable Object scalar(
      Node node, Type type, Checks checks, boolean byteSize, String path) {
    if (!(node instanceof Node.Scalar scalar)) {
      problems.add(node.line(), mismatch(path, Node.describe(node), expected(type, byteSize)));
      return null;
    }
    @Nullable String text = expand(scalar, path);
    return text == null ? null : convert(text, type, checks, byteSize, path, node.line());
  }

  private @Nullable Object convert(
      String text, Type type, Checks checks, boolean byteSize, String path, int line) {
    Converter converter = converter(type, byteSize);
    try {
      Object value = converter.convert(text);
      checks.verify(value);
      return value;
    } catch (Mismatch e) {
      problems.add(line, mismatch(path, Node.describe(new Node.Scalar(text, line)), e.expected()));
      return null;
    }
  }

  private @Nullable Object collection(
      Node node, Type type, Types.Shape shape, Checks checks, boolean byteSize, String path) {
    Type elementType = Types.element(type);
    int before = problems.count();
    List<Object> items = new ArrayList<>();
    if (node instanceof Node.Sequence sequence) {
      List<Node> nodes = sequence.items();
      for (int i = 0; i < nodes.size(); i++) {
        Node item = nodes.get(i);
        add(items, bind(item, elementType, checks, byteSize, path + "[" + i + "]", item.line()));
      }
    } else if (node instanceof Node.Scalar scalar && isScalar(elementType, byteSize)) {
      // One scalar where a list of scalars is expected: comma-separated, as ${BROKERS} yields.
      @Nullable String text = expand(scalar, path);
      if (text == null) {
        return null;
      }
      int i = 0;
      for (String part : text.split(",", -1)) {
        if (!part.isBlank()) {
          String itemPath = path + "[" + i++ + "]";
          add(items, convert(part.strip(), elementType, checks, byteSize, itemPath, node.line()));
        }
      }
    } else {
      problems.add(node.line(), mismatch(path, Node.describe(node), "a list"));
      return null;
    }
    if (problems.count() > before) {
      return null;
    }
    return switch (shape) {
      case SET -> Collections.unmodifiableSet(new LinkedHashSet<>(items));
      case ARRAY -> array(Types.raw(elementType), items);
      default -> List.copyOf(items);
    };
  }

  private static Object array(Class<?> componentType, List<Object> items) {
    Object array = Array.newInstance(componentType, items.size());
    for (int i = 0; i < items.size(); i++) {
      Array.set(array, i, items.get(i));
    }
    return array;
  }

  private @Nullable Object map(Node node, Type type, Checks checks, boolean byteSize, String path) {
    if (!(node instanceof Node.Mapping mapping)) {
      problems.add(node.line(), mismatch(path, Node.describe(node), "an object"));
      return null;
    }
    Type keyType = Types.mapKey(type);
    Type valueType = Types.element(type);
    int before = problems.count();
    Map<Object, Object> entries = new LinkedHashMap<>();
    Map<Object, Node.Member> seen = new LinkedHashMap<>();
    for (Node.Member member : mapping.members()) {
      String entryPath = child(path, member.key());
      @Nullable Object key =
          convert(member.key(), keyType, Checks.NONE, false, entryPath, member.line());
      Node.@Nullable Member first = key == null ? null : seen.putIfAbsent(key, member);
      if (first != null) {
        problems.add(member.line(), duplicate(entryPath, first));
        continue;
      }
      @Nullable Object value =
          bind(member.value(), valueType, checks, byteSize, entryPath, member.line());
      if (key != null && value != null) {
        entries.put(key, value);
      }
    }
    return problems.count() > before ? null : Collections.unmodifiableMap(entries);
  }

  private @Nullable Object object(Node node, ObjectModel model, String path, int line) {
    if (!(node instanceof Node.Mapping mapping)) {
      problems.add(node.line(), mismatch(path, Node.describe(node), "an object"));
      return null;
    }
    // Property has identity semantics (no equals), so a HashMap keys it by identity.
    Map<Property, Node.Member> matched = new HashMap<>();
    for (Node.Member member : mapping.members()) {
      @Nullable Property property = model.keys().find(member.key());
      String memberPath = child(path, member.key());
      if (property == null) {
        @Nullable String nearest = model.keys().nearest(member.key());
        String hint = nearest == null ? "" : " (did you mean " + child(path, nearest) + "?)";
        problems.add(member.line(), "unknown key " + memberPath + hint);
        continue;
      }
      Node.@Nullable Member first = matched.putIfAbsent(property, member);
      if (first != null) {
        problems.add(member.line(), duplicate(memberPath, first));
      }
    }
    return construct(model, matched, path, line);
  }

  private @Nullable Object construct(
      ObjectModel model, Map<Property, Node.Member> matched, String path, int line) {
    int before = problems.count();
    List<Property> properties = model.properties();
    @Nullable Object[] arguments = new Object[properties.size()];
    for (int i = 0; i < arguments.length; i++) {
      Property property = properties.get(i);
      @Nullable ObjectModel inlined = property.inlined();
      Node.@Nullable Member member = matched.get(property);
      if (inlined != null) {
        arguments[i] = construct(inlined, matched, path, line);
      } else if (member == null || member.value() instanceof Node.Empty) {
        arguments[i] = absent(property, member, path, line);
      } else {
        String memberPath = child(path, member.key());
        arguments[i] =
            bind(
                member.value(),
                property.type(),
                property.checks(),
                property.byteSize(),
                memberPath,
                member.line());
      }
    }
    if (problems.count() > before) {
      return null;
    }
    try {
      return model.create(arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      problems.add(
          line,
          label(path) + ": " + reason + " (rejected by " + model.type().getSimpleName() + ")");
      return null;
    }
  }

  /** The value of a component whose key is absent, or present with no value. */
  private @Nullable Object absent(
      Property property, Node.@Nullable Member member, String path, int line) {
    if (property.hasAbsentValue()) {
      return property.absentValue();
    }
    String memberPath = child(path, member == null ? property.key() : member.key());
    int memberLine = member == null ? line : member.line();
    if (property.shape() == Types.Shape.OBJECT) {
      Node empty = new Node.Mapping(List.of(), memberLine);
      return object(empty, ObjectModel.of(Types.raw(property.type())), memberPath, memberLine);
    }
    if (member == null) {
      problems.add(line, "missing required key " + memberPath);
    } else {
      String expected = expected(property.type(), property.byteSize());
      problems.add(memberLine, memberPath + ": no value (expected: " + expected + ")");
    }
    return null;
  }

  private @Nullable String expand(Node.Scalar scalar, String path) {
    if (env == null) {
      return scalar.text();
    }
    try {
      return env.expand(scalar.text());
    } catch (IllegalArgumentException e) {
      problems.add(scalar.line(), label(path) + ": " + e.getMessage());
      return null;
    }
  }

  private static boolean isScalar(Type type, boolean byteSize) {
    return Types.shape(type, byteSize) == Types.Shape.SCALAR;
  }

  private static Converter converter(Type type, boolean byteSize) {
    @Nullable Converter converter = Converter.of(Types.raw(type), byteSize);
    if (converter == null) {
      throw new AssertionError("no converter for " + type);
    }
    return converter;
  }

  private static String expected(Type type, boolean byteSize) {
    return switch (Types.shape(type, byteSize)) {
      case SCALAR -> converter(type, byteSize).expected();
      case OPTIONAL -> expected(Types.element(type), byteSize);
      case LIST, SET, ARRAY -> "a list";
      case MAP, OBJECT -> "an object";
    };
  }

  private static void add(List<Object> items, @Nullable Object item) {
    if (item != null) {
      items.add(item);
    }
  }

  private static String mismatch(String path, String shown, String expected) {
    return label(path) + ": " + shown + " (expected: " + expected + ")";
  }

  private static String duplicate(String path, Node.Member first) {
    String where = first.line() > 0 ? " on line " + first.line() : "";
    return "duplicate key " + path + " (first given as " + first.key() + where + ")";
  }

  private static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String label(String path) {
    return path.isEmpty() ? "the document" : path;
  }
}
