package dev.mp.resolve;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.semver4j.Semver;

/**
 * A release's version as mp compares it. Three kinds:
 *
 * <ul>
 *   <li><b>semver</b>: a SemVer 2.0 version ({@code 1.2.3}, {@code 2.0.0-rc.1+build.5}); a leading
 *       {@code v} or {@code =} is accepted, as npm accepts it;
 *   <li><b>coerced</b>: one to three plain numbers ({@code 1}, {@code 1.0}, {@code v2.1}, {@code 01.2.3}),
 *       read as the semver version npm's {@code semver.coerce} would make ({@code 1.0.0}, {@code 2.1.0},
 *       {@code 1.2.3}): Claude Code plugins often write {@code "version": "1.0"};
 *   <li><b>opaque</b>: anything else (a git sha, {@code main}, {@code 1.0.0.1}, a pre-release number of
 *       more than 18 digits, which semver4j cannot compare). An opaque version
 *       matches only the any-range ({@code *}) or a range that is exactly its text, and sorts below
 *       every semver version.
 * </ul>
 *
 * <p>Ordering ({@link #compareTo}): semver precedence (build metadata ignored), opaque versions
 * below all semver ones; ties are broken by the text as written, so the order is total and never
 * depends on input order. Equality is equality of the text as written. Immutable and thread-safe.
 *
 * <p>SemVer parsing and precedence are semver4j's, written out here: semver4j matches a regular
 * expression and builds {@code BigInteger}s and a formatted string per version, which was a tenth of
 * resolving thousands of plugins in a fresh JVM. {@code VersionSemverTest} checks every answer
 * against semver4j on generated versions; the one comparison written out only partly (pre-release
 * identifiers that mix digits and letters, where semver4j has rules of its own) is still semver4j's.
 * Nothing outside this package sees semver4j.
 */
public final class Version implements Comparable<Version> {
  private static final int MAX_COMPONENT = 999_999_999;
  private static final BigInteger MAX_INT = BigInteger.valueOf(Integer.MAX_VALUE);
  /** semver4j's stand-in for a missing pre-release identifier, kept for the same ordering. */
  private static final String UNDEFINED = "undef";

  private final String text;
  /** True for semver and coerced versions. */
  private final boolean semver;
  private final boolean coerced;
  private final int major;
  private final int minor;
  private final int patch;
  private final List<String> preRelease;
  /** {@code major.minor.patch[-pre][+build]}, or the text when opaque. */
  private final String normalized;

  private Version(String text, Parsed parsed, boolean coerced) {
    this.text = text;
    this.semver = parsed != null;
    this.coerced = coerced;
    this.major = parsed == null ? 0 : parsed.major;
    this.minor = parsed == null ? 0 : parsed.minor;
    this.patch = parsed == null ? 0 : parsed.patch;
    this.preRelease = parsed == null ? List.of() : parsed.preRelease;
    this.normalized = parsed == null ? text : parsed.normalized;
  }

  /** A strict SemVer 2.0 version's parts (semver4j's {@code VersionParser}). */
  private static final class Parsed {
    final int major;
    final int minor;
    final int patch;
    final List<String> preRelease;
    final String normalized;

    Parsed(int major, int minor, int patch, List<String> preRelease, String normalized) {
      this.major = major;
      this.minor = minor;
      this.patch = patch;
      this.preRelease = preRelease;
      this.normalized = normalized;
    }
  }

  /**
   * Reads a version; never fails: text that is neither semver nor coercible is an opaque version.
   *
   * @param text the version as a registry wrote it; not null
   */
  public static Version parse(String text) {
    String trimmed = Objects.requireNonNull(text).trim();
    String bare = stripPrefix(trimmed);
    Parsed strict = bare.isEmpty() || !Character.isDigit(bare.charAt(0)) ? null : strict(bare);
    if (strict != null) {
      return new Version(trimmed, comparable(strict) ? strict : null, false);
    }
    Parsed coerced = coerce(bare);
    return coerced != null ? new Version(trimmed, coerced, true) : new Version(trimmed, null, false);
  }

  /** A bound made by desugaring a range: {@code major.minor.patch}, with {@code -pre} when given. */
  static Version bound(int major, int minor, int patch, String preRelease) {
    String text = major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease);
    Parsed parsed = strict(text);
    if (parsed == null || !comparable(parsed)) {
      throw new IllegalArgumentException("not a version: " + text);
    }
    return new Version(text, parsed, false);
  }

  /**
   * Whether this version can be ordered as semver4j orders it: numeric pre-release identifiers are
   * compared as a {@code long}, which longer ones overflow ({@code 1.0.0-99999999999999999999}, found by VersionRangeFuzzTest).
   * Such a version is opaque to mp.
   */
  private static boolean comparable(Parsed parsed) {
    for (int i = 0; i < parsed.preRelease.size(); i++) {
      String identifier = parsed.preRelease.get(i);
      if (identifier.length() > 18 && allDigits(identifier)) {
        return false;
      }
    }
    return true;
  }

  /** The version as written (trimmed). */
  public String text() {
    return text;
  }

  /** True for semver and coerced versions; false for opaque ones. */
  public boolean isSemver() {
    return semver;
  }

  /** True when the text was not semver but was read as one ({@code 1.0} as {@code 1.0.0}). */
  public boolean isCoerced() {
    return coerced;
  }

  /** True for a semver version with a prerelease part ({@code 2.0.0-rc.1}). */
  public boolean isPrerelease() {
    return semver && !preRelease.isEmpty();
  }

  /** The semver form ({@code 1.0.0} for {@code 1.0}, without a {@code v}), or the text when opaque. */
  public String normalized() {
    return normalized;
  }

  int major() {
    return major;
  }

  int minor() {
    return minor;
  }

  int patch() {
    return patch;
  }

  List<String> preRelease() {
    return preRelease;
  }

  /** True when both are semver with the same {@code major.minor.patch}. */
  boolean sameTuple(Version other) {
    return semver && other.semver && major == other.major && minor == other.minor && patch == other.patch;
  }

  /**
   * Semver precedence only: build metadata and text are ignored, and two opaque versions are equal.
   * Opaque versions are below every semver version.
   */
  public int comparePrecedence(Version other) {
    if (!semver || !other.semver) {
      return Boolean.compare(semver, other.semver);
    }
    int result = Long.compare(major, other.major);
    if (result == 0) {
      result = Long.compare(minor, other.minor);
    }
    if (result == 0) {
      result = Long.compare(patch, other.patch);
    }
    return result != 0 ? result : comparePreRelease(other);
  }

  /** semver4j's {@code Comparator.preReleaseCompare}. */
  private int comparePreRelease(Version other) {
    List<String> mine = preRelease;
    List<String> theirs = other.preRelease;
    if (!mine.isEmpty() && theirs.isEmpty()) {
      return -1;
    } else if (mine.isEmpty() && !theirs.isEmpty()) {
      return 1;
    } else if (mine.isEmpty()) {
      return 0;
    }
    int elements = Math.max(mine.size(), theirs.size());
    int i = 0;
    do {
      String a = i < mine.size() ? mine.get(i) : UNDEFINED;
      String b = i < theirs.size() ? theirs.get(i) : UNDEFINED;
      i++;
      if (a.equals(UNDEFINED) && b.equals(UNDEFINED)) {
        return 0;
      } else if (b.equals(UNDEFINED)) {
        return 1;
      } else if (a.equals(UNDEFINED)) {
        return -1;
      } else if (a.equals(b)) {
        continue;
      }
      if (allDigits(a) && allDigits(b)) {
        return Long.compare(Long.parseLong(a), Long.parseLong(b));
      }
      if (containsDigit(a) && containsDigit(b)) {
        // Identifiers such as `rc1` and `rc10`, which semver4j orders by rules of its own.
        return new Semver(normalized).compareTo(new Semver(other.normalized));
      }
      int byText = a.compareTo(b);
      return byText > 0 ? 1 : byText < 0 ? -1 : 0;
    } while (elements > i);
    return 0;
  }

  @Override
  public int compareTo(Version other) {
    int byPrecedence = comparePrecedence(other);
    return byPrecedence != 0 ? byPrecedence : text.compareTo(other.text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Version && ((Version) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  private static String stripPrefix(String text) {
    int i = 0;
    while (i < text.length() && (text.charAt(i) == 'v' || text.charAt(i) == '=')) {
      i++;
    }
    return text.substring(i).trim();
  }

  /**
   * A strict SemVer 2.0 version without a prefix, as semver4j's {@code STRICT} pattern reads it:
   * {@code N.N.N}, numbers without leading zeros and at most {@code Integer.MAX_VALUE}; then {@code
   * -} and dot-separated pre-release identifiers (a number without leading zeros, or ASCII letters,
   * digits and {@code -} with at least one that is not a digit); then {@code +} and dot-separated
   * build identifiers (ASCII letters, digits and {@code -}). Else null.
   */
  private static Parsed strict(String text) {
    int n = text.length();
    int[] parts = new int[3];
    int i = 0;
    for (int part = 0; part < 3; part++) {
      int start = i;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == start || i - start > 1 && text.charAt(start) == '0') {
        return null;
      }
      if (i - start > 9) {
        BigInteger value = new BigInteger(text.substring(start, i));
        if (MAX_INT.compareTo(value) < 0) {
          return null;
        }
        parts[part] = value.intValue();
      } else {
        parts[part] = Integer.parseInt(text, start, i, 10);
      }
      if (part < 2) {
        if (i == n || text.charAt(i) != '.') {
          return null;
        }
        i++;
      }
    }
    List<String> preRelease = List.of();
    if (i < n && text.charAt(i) == '-') {
      int end = i + 1;
      while (end < n && text.charAt(end) != '+') {
        end++;
      }
      preRelease = identifiers(text, i + 1, end, true);
      if (preRelease == null) {
        return null;
      }
      i = end;
    }
    if (i < n) {
      if (text.charAt(i) != '+' || identifiers(text, i + 1, n, false) == null) {
        return null;
      }
    }
    return new Parsed(parts[0], parts[1], parts[2], preRelease, text);
  }

  /** The dot-separated identifiers of {@code text[from, to)}, or null when one is empty or invalid. */
  private static List<String> identifiers(String text, int from, int to, boolean preRelease) {
    List<String> identifiers = new ArrayList<>(2);
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i < to && text.charAt(i) != '.') {
        char c = text.charAt(i);
        if (!isDigit(c) && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c != '-') {
          return null;
        }
        continue;
      }
      if (i == start) {
        return null;
      }
      if (preRelease && allDigits(text, start, i) && i - start > 1 && text.charAt(start) == '0') {
        return null;
      }
      identifiers.add(text.substring(start, i));
      start = i + 1;
    }
    return List.copyOf(identifiers);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean allDigits(String text) {
    return !text.isEmpty() && allDigits(text, 0, text.length());
  }

  private static boolean allDigits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** {@code N}, {@code N.N} or {@code N.N.N} of plain digits (leading zeros allowed), else null. */
  private static Parsed coerce(String text) {
    int[] parts = new int[3];
    int count = 0;
    int i = 0;
    while (i < text.length()) {
      if (count == 3) {
        return null;
      }
      int start = i;
      long value = 0;
      while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
        value = value * 10 + (text.charAt(i) - '0');
        if (value > MAX_COMPONENT) {
          return null;
        }
        i++;
      }
      if (i == start) {
        return null;
      }
      parts[count++] = (int) value;
      if (i < text.length()) {
        if (text.charAt(i) != '.' || i + 1 == text.length()) {
          return null;
        }
        i++;
      }
    }
    return count == 0 ? null
        : new Parsed(parts[0], parts[1], parts[2], List.of(), parts[0] + "." + parts[1] + "." + parts[2]);
  }
}
