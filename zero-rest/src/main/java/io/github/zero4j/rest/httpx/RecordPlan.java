package io.github.zero4j.rest.httpx;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a record type binds: its canonical constructor and one {@link FieldPlan} per component, with
 * the order in which they are read (path, form and query, header, JSON: go-zero's {@code
 * httpx.Parse} order). Immutable.
 */
final class RecordPlan {
  final Class<?> type;
  final Constructor<?> constructor;
  final List<FieldPlan> fields;
  final int[] readOrder;
  final boolean readsJson;

  private RecordPlan(
      Class<?> type, Constructor<?> constructor, List<FieldPlan> fields, int[] readOrder) {
    this.type = type;
    this.constructor = constructor;
    this.fields = fields;
    this.readOrder = readOrder;
    this.readsJson = fields.stream().anyMatch(f -> f.source == Source.JSON);
  }

  static RecordPlan of(Class<?> type, com.fasterxml.jackson.databind.ObjectMapper mapper) {
    RecordComponent[] components = type.getRecordComponents();
    List<FieldPlan> fields = new ArrayList<>(components.length);
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      fields.add(FieldPlan.of(type, components[i], mapper));
      parameterTypes[i] = components[i].getType();
    }
    Constructor<?> constructor;
    try {
      constructor = type.getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException | RuntimeException e) {
      throw new IllegalArgumentException(
          "record " + type.getName() + ": canonical constructor not accessible", e);
    }
    Integer[] order = new Integer[components.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparing(i -> fields.get(i).source));
    int[] readOrder = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      readOrder[i] = order[i];
    }
    return new RecordPlan(type, constructor, List.copyOf(fields), readOrder);
  }
}
