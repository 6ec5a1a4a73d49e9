package dev.mp.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.semver4j.Semver;

/** {@link Version} reads and orders versions exactly as it did through semver4j. */
class VersionSemverTest {
  private static final String[] PIECES = {
    "0", "1", "2", "9", "10", "01", "00", "123", "2147483647", "2147483648", "99999999999", "999999999",
    "9223372036854775808", ".", ".", ".", "-", "-", "+", "a", "b", "rc", "rc1", "rc10", "alpha", "beta2x", "x", "X",
    "undef", "v", "=", " ", "_", "é", "\u0661", "*", "-0", "1a", "a1b2",
  };

  /** What {@link Version} answered when it held a semver4j {@code Semver}. */
  private static final class Reference {
    final Semver semver;
    final boolean coerced;

    Reference(String text) {
      String trimmed = text.trim();
      int i = 0;
      while (i < trimmed.length() && (trimmed.charAt(i) == 'v' || trimmed.charAt(i) == '=')) {
        i++;
      }
      String bare = trimmed.substring(i).trim();
      Semver strict = bare.isEmpty() || !Character.isDigit(bare.charAt(0)) ? null : Semver.parse(bare);
      if (strict != null) {
        // A pre-release number of more than 18 digits, which semver4j parsed but could not compare
        // (a fuzzing finding), is opaque.
        semver = strict.getPreRelease().stream().anyMatch(id -> id.length() > 18 && id.chars().allMatch(Character::isDigit))
            ? null : strict;
        coerced = false;
      } else {
        semver = coerce(bare);
        coerced = semver != null;
      }
    }

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
          if (value > 999_999_999) {
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

  private static final String[] IDENTIFIERS = {"0", "1", "2", "10", "01", "alpha", "beta", "rc", "rc1", "rc2", "rc10",
    "1a", "a1b2", "x-y", "-", "undef", "99999999999999999999", "", "b2c", "2b"};

  private static String generate(Random random) {
    if (random.nextBoolean()) {
      StringBuilder text = new StringBuilder();
      text.append(random.nextInt(3)).append('.').append(random.nextInt(3)).append('.').append(random.nextInt(3));
      if (random.nextInt(3) > 0) {
        text.append('-');
        int identifiers = 1 + random.nextInt(3);
        for (int i = 0; i < identifiers; i++) {
          text.append(i > 0 ? "." : "").append(IDENTIFIERS[random.nextInt(IDENTIFIERS.length)]);
        }
      }
      if (random.nextInt(4) == 0) {
        text.append('+').append(IDENTIFIERS[random.nextInt(IDENTIFIERS.length)]);
      }
      return text.toString();
    }
    StringBuilder text = new StringBuilder();
    if (random.nextInt(3) > 0) {
      text.append(random.nextInt(12)).append('.').append(random.nextInt(12)).append('.').append(random.nextInt(12));
    }
    int pieces = random.nextInt(6);
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return random.nextInt(10) == 0 ? " " + text + " " : text.toString();
  }

  private static String outcome(java.util.concurrent.Callable<Object> call) {
    try {
      return "= " + call.call();
    } catch (Exception e) {
      return "threw " + e.getClass().getSimpleName();
    }
  }

  @Test
  void readsAndOrdersAsSemver4jDid() {
    Random random = new Random(15);
    List<String> texts = new ArrayList<>();
    int semver = 0;
    int prerelease = 0;
    for (int n = 0; n < 40_000; n++) {
      String text = generate(random);
      texts.add(text);
      Version version = Version.parse(text);
      Reference reference = new Reference(text);
      assertThat(version.isSemver()).as(text).isEqualTo(reference.semver != null);
      assertThat(version.isCoerced()).as(text).isEqualTo(reference.coerced);
      if (reference.semver != null) {
        semver++;
        prerelease += reference.semver.getPreRelease().isEmpty() ? 0 : 1;
        assertThat(version.normalized()).as(text).isEqualTo(reference.semver.getVersion());
        assertThat(version.major()).as(text).isEqualTo(reference.semver.getMajor());
        assertThat(version.minor()).as(text).isEqualTo(reference.semver.getMinor());
        assertThat(version.patch()).as(text).isEqualTo(reference.semver.getPatch());
        assertThat(version.preRelease()).as(text).isEqualTo(reference.semver.getPreRelease());
        assertThat(version.isPrerelease()).as(text).isEqualTo(!reference.semver.getPreRelease().isEmpty());
      } else {
        assertThat(version.normalized()).as(text).isEqualTo(text.trim());
      }
    }
    assertThat(semver).as("semver versions generated").isGreaterThan(10_000);
    assertThat(prerelease).as("pre-releases generated").isGreaterThan(2_000);
    for (int n = 0; n < 200_000; n++) {
      String a = texts.get(random.nextInt(texts.size()));
      String b = random.nextInt(4) == 0 ? a : texts.get(random.nextInt(texts.size()));
      Reference ra = new Reference(a);
      Reference rb = new Reference(b);
      String expected = ra.semver == null || rb.semver == null
          ? "= " + Boolean.compare(ra.semver != null, rb.semver != null)
          : outcome(() -> ra.semver.compareTo(rb.semver));
      assertThat(outcome(() -> Version.parse(a).comparePrecedence(Version.parse(b)))).as("%s vs %s", a, b)
          .isEqualTo(expected);
    }
  }

  @Test
  void boundsAreStrictVersions() {
    assertThat(Version.bound(1, 2, 3, null).normalized()).isEqualTo("1.2.3");
    assertThat(Version.bound(1, 0, 0, "0").preRelease()).containsExactly("0");
    assertThat(Version.bound(2, 0, 0, "rc.1").isPrerelease()).isTrue();
  }
}
