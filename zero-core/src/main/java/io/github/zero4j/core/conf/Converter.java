package io.github.zero4j.core.conf;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns one scalar's text into a value of one type. Lenient about notation where go-zero files need
 * it (a quoted number, {@code yes} for true), strict about meaning (no silent truncation of {@code
 * 1.5} into an {@code int}, no overflow). Immutable.
 */
final class Converter {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

  private static final Map<Class<?>, Converter> BY_TYPE = byType();

  private static final ClassValue<Converter> ENUMS =
      new ClassValue<>() {
        @Override
        protected Converter computeValue(Class<?> type) {
          return forEnum(type);
        }
      };

  private final String expected;
  private final Function<String, Object> parse;

  private Converter(String expected, Function<String, Object> parse) {
    this.expected = expected;
    this.parse = parse;
  }

  /**
   * The converter for {@code type}, or {@code null} when it is not a scalar type. {@code byteSize}
   * selects the {@link ByteSize} notation for {@code int} and {@code long}.
   */
  static @Nullable Converter of(Class<?> type, boolean byteSize) {
    if (type.isEnum()) {
      return ENUMS.get(type);
    }
    if (byteSize) {
      if (type == long.class || type == Long.class) {
        return new Converter(ByteSizes.EXPECTED, ByteSizes::parse);
      }
      if (type == int.class || type == Integer.class) {
        return new Converter(ByteSizes.EXPECTED, text -> intSize(ByteSizes.parse(text)));
      }
      return null;
    }
    return BY_TYPE.get(type);
  }

  /** What a value of this type looks like, for {@code (expected: ...)}. */
  String expected() {
    return expected;
  }

  /**
   * Converts {@code text}.
   *
   * @throws Mismatch when it does not fit
   */
  Object convert(String text) {
    try {
      return parse.apply(text);
    } catch (Mismatch e) {
      throw e;
    } catch (RuntimeException e) {
      throw new Mismatch(expected);
    }
  }

  private static Map<Class<?>, Converter> byType() {
    Map<Class<?>, Converter> map = new HashMap<>();
    Converter string = new Converter("a string", text -> text);
    Converter bool = new Converter("true or false", Converter::bool);
    Converter int8 = integral(Byte.MIN_VALUE, Byte.MAX_VALUE, Long::byteValue);
    Converter int16 = integral(Short.MIN_VALUE, Short.MAX_VALUE, Long::shortValue);
    Converter int32 = integral(Integer.MIN_VALUE, Integer.MAX_VALUE, Long::intValue);
    Converter int64 = integral(Long.MIN_VALUE, Long.MAX_VALUE, value -> value);
    Converter float32 = new Converter("a number", text -> decimal(text).floatValue());
    Converter float64 = new Converter("a number", text -> decimal(text).doubleValue());
    map.put(String.class, string);
    map.put(boolean.class, bool);
    map.put(Boolean.class, bool);
    map.put(byte.class, int8);
    map.put(Byte.class, int8);
    map.put(short.class, int16);
    map.put(Short.class, int16);
    map.put(int.class, int32);
    map.put(Integer.class, int32);
    map.put(long.class, int64);
    map.put(Long.class, int64);
    map.put(float.class, float32);
    map.put(Float.class, float32);
    map.put(double.class, float64);
    map.put(Double.class, float64);
    map.put(BigInteger.class, new Converter("an integer", text -> new BigInteger(integer(text))));
    map.put(BigDecimal.class, new Converter("a number", Converter::decimal));
    map.put(Duration.class, new Converter(Durations.EXPECTED, Durations::parse));
    return Map.copyOf(map);
  }

  private static Converter integral(long min, long max, Function<Long, Object> narrow) {
    String expected =
        min == Long.MIN_VALUE ? "an integer" : "an integer between " + min + " and " + max;
    return new Converter(
        expected,
        text -> {
          long value = Long.parseLong(integer(text));
          if (value < min || value > max) {
            throw new Mismatch(expected);
          }
          return narrow.apply(value);
        });
  }

  private static String integer(String text) {
    String s = text.strip();
    if (!INTEGER.matcher(s).matches()) {
      throw new NumberFormatException(text);
    }
    return s;
  }

  private static BigDecimal decimal(String text) {
    String s = text.strip();
    if (!DECIMAL.matcher(s).matches()) {
      throw new NumberFormatException(text);
    }
    return new BigDecimal(s);
  }

  private static Object bool(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException(text);
    };
  }

  private static Object intSize(long bytes) {
    if (bytes > Integer.MAX_VALUE) {
      throw new Mismatch("a byte size up to " + Integer.MAX_VALUE);
    }
    return (int) bytes;
  }

  private static Converter forEnum(Class<?> type) {
    Map<String, Object> constants = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      String name = ((Enum<?>) constant).name();
      constants.put(name.toLowerCase(Locale.ROOT), constant);
      names.add(name.toLowerCase(Locale.ROOT));
    }
    String expected = "one of " + String.join(", ", names);
    return new Converter(
        expected,
        text -> {
          @Nullable Object constant = constants.get(text.strip().toLowerCase(Locale.ROOT));
          if (constant == null) {
            throw new Mismatch(expected);
          }
          return constant;
        });
  }
}
