package io.github.zero4j.rest.router;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Maps a method and a path to a value, as go-zero's router (rest/router/patrouter.go,
 * core/search/tree.go) does, plus catch-alls:
 *
 * <ul>
 *   <li>One tree per method over {@code /}-separated segments. Patterns and request paths are
 *       cleaned as Go's {@code path.Clean} does ({@link #cleanPath(String)}), so {@code /a/b/},
 *       {@code //a/./b} and {@code /a/x/../b} all mean {@code /a/b}.
 *   <li>A segment {@code :name} matches any one segment; {@code *name}, allowed as the last segment
 *       only, matches the rest of the path, zero or more segments (go-zero has none).
 *   <li>At each segment a literal child is tried first, then a parameter, then a catch-all, with
 *       backtracking: {@code /a/b/c} matches {@code /a/:x/c} even when {@code /a/b/d} exists.
 *   <li>No match under the request's method but a match under others gives {@link
 *       RouteMatch.Kind#METHOD_NOT_ALLOWED} with those methods; no match at all {@link
 *       RouteMatch.Kind#NOT_FOUND}.
 *   <li>Two routes of one method whose patterns differ only in parameter names are duplicates:
 *       {@link Builder#build()} throws {@link DuplicateRouteException} naming them.
 * </ul>
 *
 * <p>Immutable and thread-safe once built. A clean path equal to a route without parameters costs
 * one hash lookup; any other match one split of the path and one descent per tree tried.
 *
 * @param <T> what patterns map to
 */
public final class Router<T> {
  /** The order of methods in an {@code Allow} list; other methods follow alphabetically. */
  private static final List<String> METHOD_ORDER =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final Map<String, Node<T>> trees;
  private final int maxParams;

  /**
   * Method -> cleaned path -> match, for the routes made of literal segments only. A clean request
   * path that equals one of them matches it whatever else is registered (the tree tries literals
   * first at every segment), so it is answered from here without splitting the path: the common
   * case of a server's fixed routes costs one hash lookup and no allocation.
   */
  private final Map<String, Map<String, RouteMatch<T>>> literalRoutes;

  private Router(Map<String, Node<T>> trees, int maxParams) {
    this.trees = trees;
    this.maxParams = maxParams;
    Map<String, Map<String, RouteMatch<T>>> literal = new HashMap<>();
    trees.forEach(
        (method, tree) -> {
          Map<String, RouteMatch<T>> byPath = new HashMap<>();
          collectLiteral(tree, "", byPath);
          if (!byPath.isEmpty()) {
            literal.put(method, Map.copyOf(byPath));
          }
        });
    this.literalRoutes = Map.copyOf(literal);
  }

  private static <T> void collectLiteral(
      Node<T> node, String prefix, Map<String, RouteMatch<T>> out) {
    Node.Leaf<T> leaf = node.leaf;
    if (leaf != null) {
      out.put(
          prefix.isEmpty() ? "/" : prefix, RouteMatch.found(leaf.value, leaf.pattern, Map.of()));
    }
    node.literals.forEach((segment, child) -> collectLiteral(child, prefix + "/" + segment, out));
  }

  /** A builder with no routes. */
  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  /**
   * Matches {@code method} and {@code path} (percent-decoded; cleaned here). A path that does not
   * start with {@code /} (such as {@code *}) matches nothing.
   */
  public RouteMatch<T> match(String method, String path) {
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    if (path.isEmpty() || path.charAt(0) != '/') {
      return RouteMatch.notFound();
    }
    Map<String, RouteMatch<T>> literal = literalRoutes.get(method);
    if (literal != null && isClean(path)) {
      RouteMatch<T> match = literal.get(path);
      if (match != null) {
        return match;
      }
    }
    String[] segments = segments(path);
    String[] values = new String[maxParams];
    int[] found = new int[1];
    Node<T> tree = trees.get(method);
    if (tree != null) {
      Node.Leaf<T> leaf = tree.search(segments, 0, values, 0, found);
      if (leaf != null) {
        return RouteMatch.found(leaf.value, leaf.pattern, params(leaf.names, values, found[0]));
      }
    }
    List<String> allowed = null;
    for (Map.Entry<String, Node<T>> other : trees.entrySet()) {
      if (!other.getKey().equals(method)
          && other.getValue().search(segments, 0, values, 0, found) != null) {
        if (allowed == null) {
          allowed = new ArrayList<>(2);
        }
        allowed.add(other.getKey());
      }
    }
    return allowed == null
        ? RouteMatch.notFound()
        : RouteMatch.notAllowed(Collections.unmodifiableList(allowed));
  }

  /** A router with the same routes, each value replaced by {@code mapper}'s result. */
  public <U> Router<U> map(Function<? super T, ? extends U> mapper) {
    requireNonNull(mapper, "mapper");
    Map<String, Node<U>> mapped = new LinkedHashMap<>();
    trees.forEach((method, tree) -> mapped.put(method, tree.map(mapper)));
    return new Router<>(Collections.unmodifiableMap(mapped), maxParams);
  }

  /**
   * Go's {@code path.Clean} for a rooted path: repeated slashes become one, {@code .} segments go,
   * {@code ..} removes the segment before it (never above the root), and a trailing slash goes
   * unless the path is the root.
   */
  public static String cleanPath(String path) {
    requireNonNull(path, "path");
    if (path.isEmpty() || path.charAt(0) != '/') {
      throw new IllegalArgumentException("path: \"" + path + "\" (expected: starting with /)");
    }
    String[] segments = segments(path);
    return segments.length == 0 ? "/" : "/" + String.join("/", segments);
  }

  /**
   * Whether {@link #cleanPath(String)} would return {@code path} unchanged: no empty, {@code .} or
   * {@code ..} segment and no trailing slash (but for the root).
   */
  static boolean isClean(String path) {
    int length = path.length();
    if (length > 1 && path.charAt(length - 1) == '/') {
      return false;
    }
    int start = 1;
    while (start < length) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = length;
      }
      int size = end - start;
      if (size == 0
          || (size == 1 && path.charAt(start) == '.')
          || (size == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
        return false;
      }
      start = end + 1;
    }
    return true;
  }

  private static Map<String, String> params(List<String> names, String[] values, int count) {
    if (count == 0) {
      return Map.of();
    }
    Map<String, String> params = new LinkedHashMap<>(count * 2);
    for (int i = 0; i < count; i++) {
      params.put(names.get(i), values[i]);
    }
    return Collections.unmodifiableMap(params);
  }

  /** The cleaned segments of a rooted path. */
  static String[] segments(String path) {
    List<String> segments = new ArrayList<>(8);
    int start = 1;
    int length = path.length();
    while (start <= length) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = length;
      }
      int size = end - start;
      boolean dot = size == 1 && path.charAt(start) == '.';
      boolean dotDot = size == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.';
      if (dotDot) {
        if (!segments.isEmpty()) {
          segments.remove(segments.size() - 1);
        }
      } else if (size > 0 && !dot) {
        segments.add(path.substring(start, end));
      }
      start = end + 1;
    }
    return segments.toArray(new String[0]);
  }

  /** Collects routes; not thread-safe. */
  public static final class Builder<T> {
    private final Map<String, Node<T>> trees = new TreeMap<>(Builder::compareMethods);
    private int maxParams;

    private Builder() {}

    /**
     * Adds {@code method} {@code pattern} mapping to {@code value}.
     *
     * @throws IllegalArgumentException if the pattern is not rooted, has an empty or repeated
     *     parameter name, or a catch-all before its last segment
     * @throws DuplicateRouteException if the method already has a pattern of the same shape
     */
    public Builder<T> add(String method, String pattern, T value) {
      requireNonNull(method, "method");
      requireNonNull(pattern, "pattern");
      requireNonNull(value, "value");
      if (method.isEmpty()) {
        throw new IllegalArgumentException("method: \"\" (expected: an HTTP method)");
      }
      String cleaned = cleanPath(pattern);
      String[] segments = segments(cleaned);
      List<String> names = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      Node<T> node = trees.computeIfAbsent(method, m -> new Node<>());
      for (int i = 0; i < segments.length; i++) {
        String segment = segments[i];
        char first = segment.charAt(0);
        if (first == ':' || first == '*') {
          String name = segment.substring(1);
          if (name.isEmpty()) {
            throw new IllegalArgumentException(
                "pattern: " + pattern + " (expected: a name after '" + first + "')");
          }
          if (!seen.add(name)) {
            throw new IllegalArgumentException(
                "pattern: "
                    + pattern
                    + " (expected: distinct parameter names; "
                    + name
                    + " twice)");
          }
          names.add(name);
        }
        if (first == '*') {
          if (i != segments.length - 1) {
            throw new IllegalArgumentException(
                "pattern: " + pattern + " (expected: " + segment + " as the last segment)");
          }
          Node.Leaf<T> existing = node.catchAll;
          if (existing != null) {
            throw new DuplicateRouteException(method, cleaned, existing.pattern);
          }
          node.catchAll = new Node.Leaf<>(cleaned, List.copyOf(names), value);
          maxParams = Math.max(maxParams, names.size());
          return this;
        }
        if (first == ':') {
          Node<T> child = node.param;
          if (child == null) {
            child = new Node<>();
            node.param = child;
          }
          node = child;
        } else {
          node = node.literals.computeIfAbsent(segment, s -> new Node<>());
        }
      }
      Node.Leaf<T> existing = node.leaf;
      if (existing != null) {
        throw new DuplicateRouteException(method, cleaned, existing.pattern);
      }
      node.leaf = new Node.Leaf<>(cleaned, List.copyOf(names), value);
      maxParams = Math.max(maxParams, names.size());
      return this;
    }

    /** The router. */
    public Router<T> build() {
      return new Router<>(Collections.unmodifiableMap(new LinkedHashMap<>(trees)), maxParams);
    }

    private static int compareMethods(String left, String right) {
      int leftRank = rank(left);
      int rightRank = rank(right);
      return leftRank != rightRank ? Integer.compare(leftRank, rightRank) : left.compareTo(right);
    }

    private static int rank(String method) {
      int index = METHOD_ORDER.indexOf(method);
      return index < 0 ? METHOD_ORDER.size() : index;
    }
  }

  @Override
  public String toString() {
    return "Router" + trees.keySet();
  }
}
