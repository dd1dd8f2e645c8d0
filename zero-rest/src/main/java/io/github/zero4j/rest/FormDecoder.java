package io.github.zero4j.rest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Percent-decoding of request targets and {@code application/x-www-form-urlencoded} text (RFC 3986
 * section 2.1; the form rules of the WHATWG URL standard, which Go's {@code url.ParseQuery}
 * follows: {@code &} separates pairs, {@code +} is a space, empty keys are dropped).
 */
final class FormDecoder {
  /** go-zero's cap on form values per request (rest/httpx/requests.go, maxFormParamCount). */
  static final int MAX_VALUES = 2048;

  private FormDecoder() {}

  /** Decodes {@code text}; {@code plusIsSpace} for form text, not for paths. */
  static String decode(String text, boolean plusIsSpace) {
    int first = firstSpecial(text, plusIsSpace);
    if (first < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    byte[] prefix = text.substring(0, first).getBytes(StandardCharsets.UTF_8);
    bytes.write(prefix, 0, prefix.length);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length() || hex(text.charAt(i + 1)) < 0 || hex(text.charAt(i + 2)) < 0) {
          throw new IllegalArgumentException(
              "uri: "
                  + abbreviate(text)
                  + " (expected: valid percent-encoding at index "
                  + i
                  + ")");
        }
        bytes.write(hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)));
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) >= 0x80) {
          end++;
        }
        byte[] encoded = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
        i = end - 1;
      }
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  /** Throws unless every {@code %} in {@code text} starts a valid escape. */
  static void validate(String text) {
    for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
      if (i + 2 >= text.length() || hex(text.charAt(i + 1)) < 0 || hex(text.charAt(i + 2)) < 0) {
        throw new IllegalArgumentException(
            "uri: " + abbreviate(text) + " (expected: valid percent-encoding at index " + i + ")");
      }
    }
  }

  /** Number of {@code &}-separated pairs in {@code text}, counting no further than a cap. */
  static int countPairs(String text, int cap) {
    if (text.isEmpty()) {
      return 0;
    }
    int count = 1;
    for (int i = text.indexOf('&'); i >= 0 && count <= cap; i = text.indexOf('&', i + 1)) {
      count++;
    }
    return count;
  }

  /** Decodes form text into names mapped to their values in order; empty names are dropped. */
  static Map<String, List<String>> decodeForm(String text) {
    if (text.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('&', start);
      if (end < 0) {
        end = text.length();
      }
      if (end > start) {
        int eq = text.indexOf('=', start);
        String name;
        String value;
        if (eq < 0 || eq > end) {
          name = decode(text.substring(start, end), true);
          value = "";
        } else {
          name = decode(text.substring(start, eq), true);
          value = decode(text.substring(eq + 1, end), true);
        }
        if (!name.isEmpty()) {
          values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
      }
      start = end + 1;
    }
    values.replaceAll((name, list) -> Collections.unmodifiableList(list));
    return Collections.unmodifiableMap(values);
  }

  static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }

  private static int firstSpecial(String text, boolean plusIsSpace) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || (c == '+' && plusIsSpace)) {
        return i;
      }
    }
    return -1;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
