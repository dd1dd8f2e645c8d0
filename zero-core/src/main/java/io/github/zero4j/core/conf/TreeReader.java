package io.github.zero4j.core.conf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/*
 * Reads text into a Node tree with Jackson's streaming parser rather than its JsonNode tree, for
 * three reasons: scalars keep their exact text (JsonNode turns "1.10" into 1.1), every node keeps
 * its line for error messages, and YAML anchors, aliases and "<<" merge keys (which Jackson's YAML
 * parser reports but does not resolve) can be resolved here.
 */

/** Parses YAML or JSON text, or a plain map, into a {@link Node} tree. Stateless. */
final class TreeReader {
  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();

  /** YAML's merge key: {@code <<: *base} copies base's members that are not given explicitly. */
  private static final String MERGE_KEY = "<<";

  private final JsonParser parser;
  private final String source;
  private final Map<String, Node> anchors = new HashMap<>();

  private TreeReader(JsonParser parser, String source) {
    this.parser = parser;
    this.source = source;
  }

  /**
   * Parses one document. Empty text (or only comments) gives an empty mapping.
   *
   * @throws ConfigException when the text is malformed or holds more than one document
   */
  static Node read(String content, Format format, String source) {
    JsonFactory factory = format == Format.YAML ? YAML : JSON;
    try (JsonParser parser = factory.createParser(content)) {
      TreeReader reader = new TreeReader(parser, source);
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Node.Mapping(List.of(), 0);
      }
      Node root = reader.value(first);
      if (parser.nextToken() != null) {
        throw reader.error("more than one document (expected: a single document)");
      }
      return root;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      String what = format == Format.YAML ? "malformed YAML: " : "malformed JSON: ";
      throw Problems.single(source, line, what + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw Problems.single(source, 0, "cannot parse: " + e, e);
    }
  }

  /** Converts nested maps, iterables, arrays and scalars ({@code toString()}) into a tree. */
  static Node fromMap(Map<?, ?> map) {
    return fromObject(map);
  }

  private static Node fromObject(@Nullable Object value) {
    if (value == null) {
      return new Node.Empty(0);
    }
    if (value instanceof Map<?, ?> map) {
      List<Node.Member> members = new ArrayList<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        members.add(
            new Node.Member(String.valueOf(entry.getKey()), 0, fromObject(entry.getValue())));
      }
      return new Node.Mapping(members, 0);
    }
    if (value instanceof Iterable<?> iterable) {
      List<Node> items = new ArrayList<>();
      for (Object item : iterable) {
        items.add(fromObject(item));
      }
      return new Node.Sequence(items, 0);
    }
    if (value.getClass().isArray()) {
      List<Node> items = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        items.add(fromObject(Array.get(value, i)));
      }
      return new Node.Sequence(items, 0);
    }
    return new Node.Scalar(value.toString(), 0);
  }

  private Node value(JsonToken token) throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    if (isAlias()) {
      Node target = anchors.get(parser.getText());
      if (target == null) {
        throw error("unknown alias *" + parser.getText() + " (expected: an anchor defined above)");
      }
      return target;
    }
    @Nullable String anchor = anchor();
    Node node =
        switch (token) {
          case START_OBJECT -> mapping(line);
          case START_ARRAY -> sequence(line);
          case VALUE_NULL -> new Node.Empty(line);
          case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
              new Node.Scalar(parser.getText(), line);
          default -> throw error("unexpected " + token);
        };
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private Node mapping(int line) throws IOException {
    List<Node.Member> members = new ArrayList<>();
    List<Node> merged = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
      if (token != JsonToken.FIELD_NAME) {
        throw error("unexpected " + token + " (expected: a key)");
      }
      String key = parser.currentName();
      int keyLine = parser.currentTokenLocation().getLineNr();
      Node value = value(parser.nextToken());
      if (MERGE_KEY.equals(key) && parser instanceof YAMLParser) {
        merged.add(value);
      } else {
        members.add(new Node.Member(key, keyLine, value));
      }
    }
    for (Node source : merged) {
      merge(members, source);
    }
    return new Node.Mapping(members, line);
  }

  /** Adds {@code source}'s members (or each listed mapping's) whose keys are not there yet. */
  private void merge(List<Node.Member> members, Node source) throws IOException {
    if (source instanceof Node.Sequence sequence) {
      for (Node item : sequence.items()) {
        merge(members, item);
      }
      return;
    }
    if (!(source instanceof Node.Mapping mapping)) {
      throw error("<<: " + Node.describe(source) + " (expected: an alias of a mapping)");
    }
    Set<String> present = new HashSet<>();
    for (Node.Member member : members) {
      present.add(member.key().toLowerCase(Locale.ROOT));
    }
    for (Node.Member member : mapping.members()) {
      if (present.add(member.key().toLowerCase(Locale.ROOT))) {
        members.add(member);
      }
    }
  }

  private Node sequence(int line) throws IOException {
    List<Node> items = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      items.add(value(token));
    }
    return new Node.Sequence(items, line);
  }

  private boolean isAlias() {
    return parser instanceof YAMLParser yaml && yaml.isCurrentAlias();
  }

  private @Nullable String anchor() throws IOException {
    return parser instanceof YAMLParser yaml ? yaml.getObjectId() : null;
  }

  private ConfigException error(String problem) {
    return Problems.single(source, parser.currentTokenLocation().getLineNr(), problem, null);
  }
}
