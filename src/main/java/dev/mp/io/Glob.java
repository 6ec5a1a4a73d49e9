package dev.mp.io;

import java.util.Objects;

/**
 * A name pattern (policy rules, {@code mp search}): {@code *} matches any run of characters (also none),
 * {@code ?} exactly one character, everything else itself; the pattern must match the whole name.
 * Matching is case-sensitive and counts Unicode code points, not UTF-16 units. Immutable and
 * thread-safe.
 */
public final class Glob {
  private final String pattern;
  private final int[] codePoints;
  private final boolean literal;

  private Glob(String pattern) {
    this.pattern = pattern;
    int[] points = new int[pattern.codePointCount(0, pattern.length())];
    for (int i = 0, at = 0; i < pattern.length(); at++) {
      points[at] = pattern.codePointAt(i);
      i += Character.charCount(points[at]);
    }
    this.codePoints = points;
    this.literal = pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
  }

  /**
   * A glob for {@code pattern}.
   *
   * @throws IllegalArgumentException when {@code pattern} is empty (the loader reports it with its line)
   */
  public static Glob of(String pattern) {
    if (Objects.requireNonNull(pattern).isEmpty()) {
      throw new IllegalArgumentException("empty glob pattern");
    }
    return new Glob(pattern);
  }

  /** The pattern as written. */
  public String pattern() {
    return pattern;
  }

  /** True when the pattern has a {@code *} or {@code ?}. */
  public boolean hasWildcards() {
    return !literal;
  }

  /** True when the pattern names {@code name} literally, without wildcards. */
  public boolean namesExactly(String name) {
    return !hasWildcards() && pattern.equals(name);
  }

  /** True when the pattern matches all of {@code name}. */
  public boolean matches(String name) {
    if (literal) {
      return pattern.equals(name);
    }
    // Backtracking on the last star only: a later star never needs to revisit an earlier star's
    // choice, so this is O(pattern x name) at worst, with no regex, recursion or allocation. The
    // name is walked by code point, so `?` is one character even outside the BMP.
    int p = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    int length = name.length();
    while (t < length) {
      int c = name.codePointAt(t);
      if (p < codePoints.length && (codePoints[p] == '?' || (codePoints[p] != '*' && codePoints[p] == c))) {
        p++;
        t += Character.charCount(c);
      } else if (p < codePoints.length && codePoints[p] == '*') {
        star = p++;
        resume = t;
      } else if (star >= 0) {
        p = star + 1;
        resume += Character.charCount(name.codePointAt(resume));
        t = resume;
      } else {
        return false;
      }
    }
    while (p < codePoints.length && codePoints[p] == '*') {
      p++;
    }
    return p == codePoints.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Glob glob && glob.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
