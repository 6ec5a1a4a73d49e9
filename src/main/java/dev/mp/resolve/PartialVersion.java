package dev.mp.resolve;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code M[.m[.p[-pre][+build]]]} where each number may be {@code x}, {@code X} or {@code *}; a
 * missing part counts as a wildcard ({@code -1}). {@code star} marks a lone {@code *}. Strict, as npm
 * is outside its loose mode: no leading zeros, a prerelease only after three numbers.
 */
final class PartialVersion {
  private static final int MAX = 999_999_999;

  int major = -1;
  int minor = -1;
  int patch = -1;
  String pre;
  String build;
  boolean star;

  boolean xMajor() {
    return major < 0;
  }

  boolean xMinor() {
    return minor < 0;
  }

  boolean xPatch() {
    return patch < 0;
  }

  Version full() {
    String text = major + "." + minor + "." + patch + (pre == null ? "" : "-" + pre) + (build == null ? "" : "+" + build);
    Version version = Version.parse(text);
    if (!version.isSemver() || version.isCoerced()) {
      throw new IllegalArgumentException("invalid prerelease or build");
    }
    return version;
  }

  /**
   * Reads the version part of a comparator (after its operator); a leading {@code v} or {@code =} is
   * dropped.
   *
   * @throws IllegalArgumentException with the reason, or a null message, when it is not one
   */
  static PartialVersion parse(String token) {
    int i = 0;
    while (i < token.length() && (token.charAt(i) == 'v' || token.charAt(i) == '=')) {
      i++;
    }
    String text = token.substring(i);
    PartialVersion p = new PartialVersion();
    if (text.equals("*")) {
      p.star = true;
      return p;
    }
    int end = text.length();
    int dash = text.indexOf('-');
    int plus = text.indexOf('+');
    int suffix = dash < 0 ? plus : plus < 0 ? dash : Math.min(dash, plus);
    String main = suffix < 0 ? text : text.substring(0, suffix);
    String[] numbers = splitDots(main);
    if (numbers.length == 0 || numbers.length > 3) {
      throw new IllegalArgumentException((String) null);
    }
    int[] values = new int[3];
    boolean wildcard = false;
    for (int n = 0; n < 3; n++) {
      values[n] = n < numbers.length ? number(numbers[n]) : -1;
      if (values[n] >= 0 && wildcard) {
        throw new IllegalArgumentException("a number after a wildcard");
      }
      wildcard |= values[n] < 0;
    }
    p.major = values[0];
    p.minor = p.major < 0 ? -1 : values[1];
    p.patch = p.minor < 0 ? -1 : values[2];
    if (suffix >= 0) {
      if (p.patch < 0) {
        throw new IllegalArgumentException("a prerelease needs a full version");
      }
      if (dash == suffix) {
        p.pre = plus < 0 ? text.substring(dash + 1, end) : text.substring(dash + 1, plus);
      }
      if (plus >= 0) {
        p.build = text.substring(plus + 1);
      }
    }
    return p;
  }

  private static String[] splitDots(String main) {
    if (main.isEmpty() || main.startsWith(".") || main.endsWith(".") || main.contains("..")) {
      return new String[0];
    }
    List<String> parts = new ArrayList<>(3);
    int start = 0;
    for (int i = 0; i <= main.length(); i++) {
      if (i == main.length() || main.charAt(i) == '.') {
        parts.add(main.substring(start, i));
        start = i + 1;
      }
    }
    return parts.toArray(new String[0]);
  }

  /** A version number, or -1 for a wildcard. */
  private static int number(String text) {
    if (text.equals("x") || text.equals("X") || text.equals("*")) {
      return -1;
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException((String) null);
    }
    if (text.length() > 1 && text.charAt(0) == '0') {
      throw new IllegalArgumentException("leading zero");
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException((String) null);
      }
      value = value * 10 + (c - '0');
      if (value > MAX) {
        throw new IllegalArgumentException("number too large");
      }
    }
    return (int) value;
  }
}
