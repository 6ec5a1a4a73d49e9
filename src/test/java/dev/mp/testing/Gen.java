package dev.mp.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A seeded source of generated test values: the same seed gives the same values, in the same order.
 *
 * <p>Edge cases are mixed in on purpose, because they are where bugs live: about one draw in eight
 * of a number is a boundary of its range (or 0, ±1), strings and lists are often empty or at their
 * largest size, and characters favour NUL, line breaks, quotes, backslashes, lone surrogates and
 * characters outside the BMP. {@link Property} runs a body over many of these.
 *
 * <p>Not thread-safe: one instance per try.
 */
public final class Gen {
  /** Characters that break parsers more often than others; {@link #anyString} draws from them often. */
  private static final char[] EDGE_CHARS = {
      '\u0000', '\n', '\r', '\t', ' ', '"', '\\', '/', '\'', '{', '[', ':', ',', '.', '-', '*', '?', '@', '~',
      '\u007f', '\u0080', '\u00e9', '\u00ff', '\u2028', '\u202e', '\ufeff', '\ufffd', '\uffff'};

  /** Lone surrogates: valid in a Java string, impossible in UTF-8. */
  private static final char[] SURROGATES = {'\ud800', '\udbff', '\udc00', '\udfff'};

  private final long seed;
  private final SplittableRandom random;

  private Gen(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  public static Gen seeded(long seed) {
    return new Gen(seed);
  }

  public long seed() {
    return seed;
  }

  /** A {@link Random} seeded from this generator, for APIs such as {@code Collections.shuffle}. */
  public Random random() {
    return new Random(random.nextLong());
  }

  public boolean bool() {
    return random.nextBoolean();
  }

  /** True with the given probability. */
  public boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  /** Whether this draw should be an edge case. */
  private boolean edge() {
    return random.nextInt(8) == 0;
  }

  /** An int in {@code [min, max]}; often {@code min}, {@code max}, their neighbours or 0. */
  public int between(int min, int max) {
    return (int) between((long) min, (long) max);
  }

  /** A long in {@code [min, max]}; often {@code min}, {@code max}, their neighbours or 0. */
  public long between(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException(min + " > " + max);
    }
    if (edge()) {
      long[] edges = {min, max, min + 1, max - 1, 0, 1, -1};
      long candidate = edges[random.nextInt(edges.length)];
      if (candidate >= min && candidate <= max) {
        return candidate;
      }
    }
    if (max - min >= 0 && max - min < Long.MAX_VALUE) {
      return min + random.nextLong(max - min + 1);
    }
    while (true) { // the range spans more than Long.MAX_VALUE values
      long value = random.nextLong();
      if (value >= min && value <= max) {
        return value;
      }
    }
  }

  /** Any int; often 0, ±1, {@code Integer.MIN_VALUE} or {@code Integer.MAX_VALUE}. */
  public int anyInt() {
    return between(Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** Any long; often 0, ±1, {@code Long.MIN_VALUE} or {@code Long.MAX_VALUE}. */
  public long anyLong() {
    return between(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  @SafeVarargs
  public final <T> T of(T... values) {
    return values[random.nextInt(values.length)];
  }

  public <T> T of(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  public <E extends Enum<E>> E of(Class<E> type) {
    return of(type.getEnumConstants());
  }

  /** {@code null} with the given probability, otherwise a value from {@code value}. */
  public <T> T orNull(double nullProbability, Supplier<T> value) {
    return chance(nullProbability) ? null : value.get();
  }

  /** A value from one of the suppliers, each as likely. */
  @SafeVarargs
  public final <T> T oneOf(Supplier<? extends T>... choices) {
    return choices[random.nextInt(choices.length)].get();
  }

  /** A weighted choice, as in {@code frequency(weighted(3, a), weighted(1, b))}. */
  @SafeVarargs
  public final <T> T frequency(Weighted<? extends T>... choices) {
    int total = 0;
    for (Weighted<? extends T> choice : choices) {
      total += choice.weight();
    }
    int pick = random.nextInt(total);
    for (Weighted<? extends T> choice : choices) {
      pick -= choice.weight();
      if (pick < 0) {
        return choice.value().get();
      }
    }
    throw new AssertionError();
  }

  public static <T> Weighted<T> weighted(int weight, Supplier<T> value) {
    return new Weighted<>(weight, value);
  }

  /** A choice for {@link #frequency}. */
  public record Weighted<T>(int weight, Supplier<T> value) {}

  /** A value from {@code value} that passes {@code filter}; gives up after 10,000 tries. */
  public <T> T filtered(Supplier<T> value, Predicate<? super T> filter) {
    for (int i = 0; i < 10_000; i++) {
      T candidate = value.get();
      if (filter.test(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("the filter rejected 10,000 generated values in a row");
  }

  /** A length in {@code [min, max]}: often {@code min} (empty) or {@code max}, otherwise small lengths are likelier. */
  private int length(int min, int max) {
    if (edge()) {
      return bool() ? min : max;
    }
    int span = max - min;
    // Half the draws stay in the lower quarter: short inputs find most bugs and run fast.
    return min + (bool() ? random.nextInt(span / 4 + 1) : random.nextInt(span + 1));
  }

  /** A string of {@code [min, max]} chars drawn from {@code alphabet}. */
  public String string(String alphabet, int min, int max) {
    StringBuilder text = new StringBuilder();
    int length = length(min, max);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  /** A string of {@code [min, max]} chars in {@code [first, last]}. */
  public String string(char first, char last, int min, int max) {
    StringBuilder text = new StringBuilder();
    int length = length(min, max);
    for (int i = 0; i < length; i++) {
      text.append((char) between(first, last));
    }
    return text.toString();
  }

  /** ASCII letters. */
  public String alpha(int min, int max) {
    return string("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min, max);
  }

  /**
   * Any Unicode text of {@code [min, max]} chars that UTF-8 can hold: control characters, the
   * characters of {@link #EDGE_CHARS} and characters outside the BMP (as surrogate pairs) included.
   */
  public String anyString(int min, int max) {
    return chars(min, max, false);
  }

  /** Like {@link #anyString}, with lone surrogates too (which no file or JSON text can carry). */
  public String utf16String(int min, int max) {
    return chars(min, max, true);
  }

  private String chars(int min, int max, boolean loneSurrogates) {
    StringBuilder text = new StringBuilder();
    int length = length(min, max);
    while (text.length() < length) {
      int kind = random.nextInt(10);
      if (kind < 2) {
        text.append(EDGE_CHARS[random.nextInt(EDGE_CHARS.length)]);
      } else if (kind < 5) {
        text.append((char) random.nextInt(0x20, 0x7f));
      } else if (kind == 5 && text.length() + 2 <= length) {
        text.appendCodePoint(random.nextInt(0x10000, 0x110000));
      } else if (kind == 6 && loneSurrogates) {
        text.append(SURROGATES[random.nextInt(SURROGATES.length)]);
      } else {
        char c = (char) random.nextInt(0x10000);
        text.append(Character.isSurrogate(c) && !loneSurrogates ? '\ufffd' : c);
      }
    }
    return text.toString();
  }

  /** Whether {@code text} has no lone surrogate, so that it survives UTF-8. */
  public static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Random bytes, {@code [min, max]} of them; sometimes all zero or all 0xff. */
  public byte[] bytes(int min, int max) {
    byte[] bytes = new byte[length(min, max)];
    if (edge()) {
      java.util.Arrays.fill(bytes, bool() ? 0 : (byte) 0xff);
    } else {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) random.nextInt(256);
      }
    }
    return bytes;
  }

  public <T> List<T> list(int min, int max, Supplier<T> element) {
    int size = length(min, max);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.get());
    }
    return list;
  }

  /** A list whose elements have distinct keys; shorter than asked when the elements run out of keys. */
  public <T> List<T> uniqueList(int min, int max, Function<? super T, ?> key, Supplier<T> element) {
    int size = length(min, max);
    List<T> list = new ArrayList<>(size);
    Set<Object> keys = new HashSet<>();
    for (int attempts = 0; list.size() < size && attempts < size * 50; attempts++) {
      T candidate = element.get();
      if (keys.add(key.apply(candidate))) {
        list.add(candidate);
      }
    }
    if (list.size() < min) {
      throw new IllegalStateException("could not generate " + min + " elements with distinct keys");
    }
    return list;
  }

  /** A map in insertion order with up to {@code max} entries. */
  public <K, V> Map<K, V> map(int min, int max, Supplier<K> key, Supplier<V> value) {
    Map<K, V> map = new LinkedHashMap<>();
    for (K k : uniqueList(min, max, k -> k, key)) {
      map.put(k, value.get());
    }
    return map;
  }

  public <T> List<T> shuffled(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    Collections.shuffle(copy, random());
    return copy;
  }
}
