package io.github.zero4j.rest.router;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One segment position of a method's tree. Children are tried in a fixed order: the literal child
 * equal to the segment, then the one parameter child, then the catch-all; a failed deeper match
 * backtracks to the next. Parameter names live on the leaves, so {@code /a/:id/x} and {@code
 * /a/:name/y} share a parameter node and precedence never depends on map order (go-zero's does).
 *
 * <p>Mutable while the router is built, then only read (safely published by the router's final
 * field).
 */
final class Node<T> {
  final Map<String, Node<T>> literals = new HashMap<>(4);
  @Nullable Node<T> param;
  @Nullable Leaf<T> catchAll;
  @Nullable Leaf<T> leaf;

  /** A registered route: its cleaned pattern, parameter names in path order, and value. */
  static final class Leaf<T> {
    final String pattern;
    final List<String> names;
    final T value;

    Leaf(String pattern, List<String> names, T value) {
      this.pattern = pattern;
      this.names = names;
      this.value = value;
    }

    <U> Leaf<U> map(Function<? super T, ? extends U> mapper) {
      return new Leaf<>(pattern, names, mapper.apply(value));
    }
  }

  <U> Node<U> map(Function<? super T, ? extends U> mapper) {
    Node<U> copy = new Node<>();
    literals.forEach((segment, child) -> copy.literals.put(segment, child.map(mapper)));
    Node<T> paramChild = param;
    copy.param = paramChild == null ? null : paramChild.map(mapper);
    Leaf<T> all = catchAll;
    copy.catchAll = all == null ? null : all.map(mapper);
    Leaf<T> end = leaf;
    copy.leaf = end == null ? null : end.map(mapper);
    return copy;
  }

  /**
   * The leaf matching {@code segments} from {@code index} on, with parameter values appended to
   * {@code values}; {@code null} when none matches (then {@code values} is as it was).
   */
  @Nullable Leaf<T> search(
      String[] segments, int index, String[] values, int valueCount, int[] found) {
    if (index == segments.length) {
      if (leaf != null) {
        found[0] = valueCount;
        return leaf;
      }
      if (catchAll != null) {
        values[valueCount] = "";
        found[0] = valueCount + 1;
        return catchAll;
      }
      return null;
    }
    String segment = segments[index];
    Node<T> literal = literals.get(segment);
    if (literal != null) {
      Leaf<T> match = literal.search(segments, index + 1, values, valueCount, found);
      if (match != null) {
        return match;
      }
    }
    Node<T> paramChild = param;
    if (paramChild != null) {
      values[valueCount] = segment;
      Leaf<T> match = paramChild.search(segments, index + 1, values, valueCount + 1, found);
      if (match != null) {
        return match;
      }
    }
    if (catchAll != null) {
      values[valueCount] =
          String.join("/", Arrays.asList(segments).subList(index, segments.length));
      found[0] = valueCount + 1;
      return catchAll;
    }
    return null;
  }
}
