package dev.mp.resolve;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An npm-style version range: {@code ^1.2}, {@code ~1.2.3}, {@code >=1 <2}, {@code 1.x}, {@code *},
 * {@code 1.2.3 - 2.3}, exact versions, and any of them joined with {@code ||}. The grammar and its
 * meaning are npm's ({@code semver} 7): a range is parsed once into sets of primitive comparators
 * ({@code >=1.2.0 <2.0.0-0}); a version satisfies the range when it satisfies every comparator of
 * some set.
 *
 * <p>Prereleases follow npm's rule: {@code 2.0.0-rc.1} satisfies a set only when one of the set's
 * comparators names a prerelease of the same {@code 2.0.0} ({@code >=2.0.0-rc.0}); {@code *} does not
 * take prereleases. A range that is not npm syntax but looks like one version token ({@code abc1234},
 * {@code main}) is an exact match on that text, so a release versioned by a git sha can be asked for
 * by its sha. Opaque versions (see {@link Version}) satisfy only the any-range and such an exact match.
 *
 * <p>Immutable and thread-safe.
 */
public final class VersionRange {
  /** {@code *}: every stable or opaque version. */
  public static final VersionRange ANY = new VersionRange("*", List.of(List.of(RangeComparator.ANY)), null);

  private final String text;
  private final List<List<RangeComparator>> sets;
  private final String exact;
  private final boolean any;

  private VersionRange(String text, List<List<RangeComparator>> sets, String exact) {
    this.text = text;
    this.sets = sets;
    this.exact = exact;
    boolean anySet = false;
    if (sets != null) {
      for (List<RangeComparator> set : sets) {
        anySet |= set.size() == 1 && set.get(0).isAny();
      }
    }
    this.any = anySet;
  }

  /**
   * Parses a range; an empty text is {@code *}.
   *
   * @throws MpException {@link ErrorCode#USAGE_ERROR} when the text is neither npm range syntax nor a
   *     single version token
   */
  public static VersionRange parse(String text) {
    String trimmed = Objects.requireNonNull(text).trim();
    if (trimmed.isEmpty() || trimmed.equals("*")) {
      return ANY;
    }
    try {
      return new VersionRange(trimmed, RangeParser.parse(trimmed), null);
    } catch (IllegalArgumentException invalid) {
      if (isVersionToken(trimmed)) {
        return new VersionRange(trimmed, null, trimmed);
      }
      throw new MpException(ErrorCode.USAGE_ERROR,
          "invalid version range `" + trimmed + "`: " + invalid.getMessage(),
          "write an npm-style range such as `^1.2`, `~1.2.3`, `>=1 <2`, `1.x` or `*`");
    }
  }

  /** The range as written (trimmed); {@code *} for the any-range. */
  public String text() {
    return text;
  }

  /** True when every stable version satisfies it ({@code *}, {@code x}, an empty text, {@code >=*}). */
  public boolean isAny() {
    return any;
  }

  /** True when the range is an exact match on a version token that is not npm syntax (a git sha). */
  public boolean isExactToken() {
    return exact != null;
  }

  /** True when {@code version} satisfies the range. */
  public boolean test(Version version) {
    if (exact != null) {
      return version.text().equals(exact);
    }
    if (!version.isSemver()) {
      return any;
    }
    if (any && !version.isPrerelease()) {
      return true;
    }
    for (List<RangeComparator> set : sets) {
      if (testSet(set, version)) {
        return true;
      }
    }
    return false;
  }

  /** The primitive comparators, as npm would print them: {@code >=1.2.0 <2.0.0-0||>=3.0.0}. */
  public String describe() {
    if (exact != null) {
      return "=" + exact;
    }
    return sets.stream()
        .map(set -> set.stream().map(RangeComparator::toString).collect(Collectors.joining(" ")))
        .collect(Collectors.joining("||"));
  }

  private static boolean testSet(List<RangeComparator> set, Version version) {
    for (int i = 0; i < set.size(); i++) {
      if (!set.get(i).test(version)) {
        return false;
      }
    }
    if (!version.isPrerelease()) {
      return true;
    }
    for (int i = 0; i < set.size(); i++) {
      RangeComparator comparator = set.get(i);
      if (!comparator.isAny() && comparator.version().isPrerelease() && comparator.version().sameTuple(version)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isVersionToken(String text) {
    if (!Character.isLetterOrDigit(text.charAt(0)) || text.charAt(0) >= 128) {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '+');
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionRange && ((VersionRange) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
