package io.github.zero4j.rest.httpx;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Conversions of single values: from request text (path, query, form, header) and from JSON
 * scalars. JSON is strict as Go's {@code encoding/json} is: a string field does not take a number
 * and an integer field does not take {@code "12"} or {@code 1.5}.
 */
final class Scalars {
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static final Map<Class<?>, Class<?>> BOXES =
      Map.of(
          int.class, Integer.class,
          long.class, Long.class,
          short.class, Short.class,
          byte.class, Byte.class,
          double.class, Double.class,
          float.class, Float.class,
          boolean.class, Boolean.class,
          char.class, Character.class);

  private Scalars() {}

  /** The wrapper of a primitive type, else the type itself. */
  static Class<?> boxed(Class<?> type) {
    Class<?> box = BOXES.get(type);
    return box == null ? type : box;
  }

  /** Whether request text converts to {@code type}. */
  static boolean supports(Class<?> type) {
    Class<?> t = boxed(type);
    return t == String.class
        || t == Integer.class
        || t == Long.class
        || t == Short.class
        || t == Byte.class
        || t == Double.class
        || t == Float.class
        || t == Boolean.class
        || t == BigDecimal.class
        || t == BigInteger.class
        || t == UUID.class
        || t.isEnum();
  }

  /** The value of request text {@code text} as {@code type}; {@code null} when it does not fit. */
  static @Nullable Object fromText(Class<?> type, String text) {
    Class<?> t = boxed(type);
    try {
      if (t == String.class) {
        return text;
      } else if (t == Integer.class) {
        return Integer.valueOf(text);
      } else if (t == Long.class) {
        return Long.valueOf(text);
      } else if (t == Short.class) {
        return Short.valueOf(text);
      } else if (t == Byte.class) {
        return Byte.valueOf(text);
      } else if (t == Double.class) {
        return new BigDecimal(text).doubleValue();
      } else if (t == Float.class) {
        return new BigDecimal(text).floatValue();
      } else if (t == Boolean.class) {
        return parseBoolean(text);
      } else if (t == BigDecimal.class) {
        return new BigDecimal(text);
      } else if (t == BigInteger.class) {
        return new BigInteger(text);
      } else if (t == UUID.class) {
        return UUID_TEXT.matcher(text).matches() ? UUID.fromString(text) : null;
      } else if (t.isEnum()) {
        return enumConstant(t, text);
      }
    } catch (IllegalArgumentException e) {
      // NumberFormatException included: the value does not fit the type.
      return null;
    }
    return null;
  }

  /** The value of JSON {@code node} as scalar {@code type}; {@code null} when it does not fit. */
  static @Nullable Object fromJson(Class<?> type, JsonNode node) {
    Class<?> t = boxed(type);
    if (t == String.class) {
      return node.isTextual() ? node.textValue() : null;
    } else if (t == Integer.class) {
      return node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
    } else if (t == Long.class) {
      return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
    } else if (t == Short.class || t == Byte.class) {
      if (!node.isIntegralNumber() || !node.canConvertToInt()) {
        return null;
      }
      return fromText(t, Integer.toString(node.intValue()));
    } else if (t == Double.class) {
      return node.isNumber() ? node.doubleValue() : null;
    } else if (t == Float.class) {
      return node.isNumber() ? node.floatValue() : null;
    } else if (t == Boolean.class) {
      return node.isBoolean() ? node.booleanValue() : null;
    } else if (t == BigDecimal.class) {
      return node.isNumber() ? node.decimalValue() : null;
    } else if (t == BigInteger.class) {
      return node.isIntegralNumber() ? node.bigIntegerValue() : null;
    } else if (t == UUID.class || t.isEnum()) {
      return node.isTextual() ? fromText(t, node.textValue()) : null;
    }
    return null;
  }

  /** What a value of {@code type} must look like, for error messages. */
  static String expected(Class<?> type) {
    Class<?> t = boxed(type);
    if (t == String.class) {
      return "a string";
    } else if (t == Integer.class || t == Long.class || t == Short.class || t == Byte.class) {
      return "an integer";
    } else if (t == BigInteger.class) {
      return "an integer";
    } else if (t == Double.class || t == Float.class || t == BigDecimal.class) {
      return "a number";
    } else if (t == Boolean.class) {
      return "true or false";
    } else if (t == UUID.class) {
      return "a UUID";
    } else if (t.isEnum()) {
      return "one of " + Arrays.toString(t.getEnumConstants());
    } else if (Iterable.class.isAssignableFrom(t) || t.isArray()) {
      return "an array";
    } else if (Map.class.isAssignableFrom(t) || t.isRecord() || !t.getName().startsWith("java.")) {
      return "an object";
    }
    return "a " + t.getSimpleName();
  }

  /** The zero value of a primitive type, as Go gives an absent optional field. */
  static Object zero(Class<?> primitive) {
    if (primitive == boolean.class) {
      return false;
    } else if (primitive == char.class) {
      return '\0';
    } else if (primitive == long.class) {
      return 0L;
    } else if (primitive == double.class) {
      return 0.0d;
    } else if (primitive == float.class) {
      return 0.0f;
    } else if (primitive == short.class) {
      return (short) 0;
    } else if (primitive == byte.class) {
      return (byte) 0;
    }
    return 0;
  }

  /** {@code value} as a decimal, or {@code null} when it is not a number. */
  static @Nullable BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    } else if (value instanceof BigInteger integer) {
      return new BigDecimal(integer);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    } else if (value instanceof Number number) {
      return BigDecimal.valueOf(number.longValue());
    }
    return null;
  }

  /** {@code value} as text for {@link Options}: an enum's name, else its string form. */
  static String text(Object value) {
    return value instanceof Enum<?> constant ? constant.name() : String.valueOf(value);
  }

  /** Whether {@code type} is a number type {@link Range} applies to. */
  static boolean numeric(Class<?> type) {
    Class<?> t = boxed(type);
    return Number.class.isAssignableFrom(t);
  }

  private static Boolean parseBoolean(String text) {
    // Go's strconv.ParseBool.
    return switch (text) {
      case "1", "t", "T", "true", "TRUE", "True" -> Boolean.TRUE;
      case "0", "f", "F", "false", "FALSE", "False" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException(text);
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumConstant(Class<?> type, String text) {
    return Enum.valueOf((Class) type, text);
  }
}
