package dev.mp.resolve;

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
 * SemVer parsing and precedence are semver4j's; nothing outside this package sees semver4j.
 */
public final class Version implements Comparable<Version> {
  private static final int MAX_COMPONENT = 999_999_999;

  private final String text;
  private final Semver semver;
  private final boolean coerced;

  private Version(String text, Semver semver, boolean coerced) {
    this.text = text;
    this.semver = semver;
    this.coerced = coerced;
  }

  /**
   * Reads a version; never fails: text that is neither semver nor coercible is an opaque version.
   *
   * @param text the version as a registry wrote it; not null
   */
  public static Version parse(String text) {
    String trimmed = Objects.requireNonNull(text).trim();
    String bare = stripPrefix(trimmed);
    Semver strict = bare.isEmpty() || !Character.isDigit(bare.charAt(0)) ? null : Semver.parse(bare);
    if (strict != null) {
      return new Version(trimmed, comparable(strict) ? strict : null, false);
    }
    Semver coerced = coerce(bare);
    return coerced != null ? new Version(trimmed, coerced, true) : new Version(trimmed, null, false);
  }

  /** A bound made by desugaring a range: {@code major.minor.patch}, with {@code -pre} when given. */
  static Version bound(int major, int minor, int patch, String preRelease) {
    String text = major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease);
    Semver semver = Semver.parse(text);
    if (semver == null || !comparable(semver)) {
      throw new IllegalArgumentException("not a version: " + text);
    }
    return new Version(text, semver, false);
  }

  /**
   * Whether semver4j can order this version: it reads numeric pre-release identifiers as a {@code
   * long} and throws on longer ones ({@code 1.0.0-99999999999999999999}, found by VersionRangeFuzzTest).
   * Such a version is opaque to mp.
   */
  private static boolean comparable(Semver semver) {
    for (String identifier : semver.getPreRelease()) {
      if (identifier.length() > 18 && identifier.chars().allMatch(c -> c >= '0' && c <= '9')) {
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
    return semver != null;
  }

  /** True when the text was not semver but was read as one ({@code 1.0} as {@code 1.0.0}). */
  public boolean isCoerced() {
    return coerced;
  }

  /** True for a semver version with a prerelease part ({@code 2.0.0-rc.1}). */
  public boolean isPrerelease() {
    return semver != null && !semver.getPreRelease().isEmpty();
  }

  /** The semver form ({@code 1.0.0} for {@code 1.0}, without a {@code v}), or the text when opaque. */
  public String normalized() {
    return semver == null ? text : semver.getVersion();
  }

  int major() {
    return semver.getMajor();
  }

  int minor() {
    return semver.getMinor();
  }

  int patch() {
    return semver.getPatch();
  }

  List<String> preRelease() {
    return semver.getPreRelease();
  }

  /** True when both are semver with the same {@code major.minor.patch}. */
  boolean sameTuple(Version other) {
    return semver != null && other.semver != null && major() == other.major() && minor() == other.minor()
        && patch() == other.patch();
  }

  /**
   * Semver precedence only: build metadata and text are ignored, and two opaque versions are equal.
   * Opaque versions are below every semver version.
   */
  public int comparePrecedence(Version other) {
    if (semver == null || other.semver == null) {
      return Boolean.compare(semver != null, other.semver != null);
    }
    return semver.compareTo(other.semver);
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

  /** {@code N}, {@code N.N} or {@code N.N.N} of plain digits (leading zeros allowed), else null. */
  private static Semver coerce(String text) {
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
    return count == 0 ? null : Semver.create(parts[0], parts[1], parts[2]);
  }
}
