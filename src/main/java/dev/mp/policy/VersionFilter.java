package dev.mp.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.semver4j.Semver;
import org.semver4j.range.RangeList;
import org.semver4j.range.RangeListFactory;

/**
 * The {@code versions} filter of a rule: an npm-style range ({@code <1.4.2}, {@code ^1.2}, {@code ~1.2.3},
 * {@code >=1 <2}, {@code 1.x}, {@code 1.0.0 - 2.0.0}, {@code a || b}, {@code *}).
 *
 * <p>The filter asks "is this version inside the interval", so pre-releases count by plain semver
 * precedence: {@code <1.4.2} covers {@code 1.4.1-rc.1}. (npm's install ranges skip pre-releases; a
 * deny rule that a pre-release could slip past would be a hole.) A version that is not semver never
 * matches. The syntax is checked here before semver4j sees it, because semver4j reads some nonsense
 * (a bare word) as "any version". Immutable and thread-safe.
 */
public final class VersionFilter {
  private static final String NUMBER = "(?:0|[1-9]\\d*|[xX*])";
  private static final String IDENTIFIERS = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
  private static final String PARTIAL = "v?" + NUMBER + "(?:\\." + NUMBER + "(?:\\." + NUMBER
      + "(?:-" + IDENTIFIERS + ")?(?:\\+" + IDENTIFIERS + ")?)?)?";
  private static final String SIMPLE = "(?:<=|>=|<|>|=|~|\\^)?\\s*" + PARTIAL;
  private static final String RANGE =
      "(?:" + PARTIAL + "\\s+-\\s+" + PARTIAL + "|" + SIMPLE + "(?:\\s+" + SIMPLE + ")*)";
  private static final Pattern SYNTAX = Pattern.compile("\\s*" + RANGE + "(?:\\s*\\|\\|\\s*" + RANGE + ")*\\s*");
  private static final Pattern BARE_X = Pattern.compile("(?<![\\w.])[xX](?![\\w.])");

  private final String text;
  private final RangeList range;

  private VersionFilter(String text, RangeList range) {
    this.text = text;
    this.range = range;
  }

  /** The filter for {@code text}, or empty when it is not an npm-style range. */
  public static Optional<VersionFilter> parse(String text) {
    Objects.requireNonNull(text);
    if (!SYNTAX.matcher(text).matches()) {
      return Optional.empty();
    }
    // semver4j reads a bare `x` as "below 0.0.0"; npm reads it as "any version".
    String normalized = BARE_X.matcher(text).replaceAll("*");
    RangeList range;
    try {
      range = RangeListFactory.create(normalized, true);
    } catch (NumberFormatException tooLarge) {
      // semver4j parses each number as an int (a policy file with `<1.2147483648` was an internal error).
      return Optional.empty();
    }
    return range.get().isEmpty() ? Optional.empty() : Optional.of(new VersionFilter(text, range));
  }

  /** The range as written in the policy. */
  public String text() {
    return text;
  }

  /** True when {@code version} is semver and inside the range; false for null or non-semver. */
  public boolean includes(String version) {
    Semver parsed = semver(version);
    return parsed != null && range.isSatisfiedBy(parsed);
  }

  /** True when {@code version} can be compared with a range at all. */
  public static boolean isSemver(String version) {
    return semver(version) != null;
  }

  /**
   * The version as semver4j reads it, or null; also null when a numeric pre-release identifier is too
   * long for semver4j to compare (it reads them as a {@code long} and throws), as in resolve's Version.
   */
  private static Semver semver(String version) {
    Semver parsed = version == null ? null : Semver.parse(version);
    if (parsed != null) {
      for (String identifier : parsed.getPreRelease()) {
        if (identifier.length() > 18 && identifier.chars().allMatch(c -> c >= '0' && c <= '9')) {
          return null;
        }
      }
    }
    return parsed;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VersionFilter f && f.text.equals(text);
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
