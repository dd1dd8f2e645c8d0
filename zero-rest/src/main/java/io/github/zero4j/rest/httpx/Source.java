package io.github.zero4j.rest.httpx;

/** Where a record component's value comes from, in go-zero's binding order. */
enum Source {
  PATH("path"),
  FORM("form"),
  QUERY("query"),
  HEADER("header"),
  JSON("json");

  private final String label;

  Source(String label) {
    this.label = label;
  }

  /** The name used in error messages. */
  String label() {
    return label;
  }

  /** Whether values arrive as text that is converted ({@link #JSON} arrives as JSON). */
  boolean textual() {
    return this != JSON;
  }
}
