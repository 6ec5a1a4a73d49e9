package dev.mp.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VersionTest {
  @ParameterizedTest(name = "{0} is {1} ({2})")
  @CsvSource({
      "1.2.3, semver, 1.2.3",
      "v1.2.3, semver, 1.2.3",
      "=1.2.3, semver, 1.2.3",
      "' 1.2.3 ', semver, 1.2.3",
      "2.0.0-rc.1+build.5, semver, 2.0.0-rc.1+build.5",
      "1, coerced, 1.0.0",
      "1.0, coerced, 1.0.0",
      "v2.1, coerced, 2.1.0",
      "01.2.3, coerced, 1.2.3",
      "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a, opaque, 3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a",
      "1234567, coerced, 1234567.0.0",
      "1.0.0.1, opaque, 1.0.0.1",
      "1.2.3-, opaque, 1.2.3-",
      "1.2.3-beta.01, opaque, 1.2.3-beta.01",
      "main, opaque, main",
      "9999999999.0.0, opaque, 9999999999.0.0",
      // A pre-release number semver4j cannot compare (found by VersionRangeFuzzTest): was an exception.
      "42.0.0-10119999999999999999999, opaque, 42.0.0-10119999999999999999999",
      "1.0.0-rc.999999999999999999, semver, 1.0.0-rc.999999999999999999",
  })
  void readsSemverCoercesPlainNumbersAndKeepsTheRestOpaque(String text, String kind, String normalized) {
    Version version = Version.parse(text);
    assertThat(version.isSemver()).isEqualTo(!kind.equals("opaque"));
    assertThat(version.isCoerced()).isEqualTo(kind.equals("coerced"));
    assertThat(version.normalized()).isEqualTo(normalized);
    assertThat(version.text()).isEqualTo(text.trim());
  }

  @Test
  void ordersBySemverPrecedenceWithOpaqueVersionsLowest() {
    List<String> ascending = List.of(
        "abc1234", "main",
        "0.0.1", "0.9.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
        "1.0.0-beta.11", "1.0.0-rc.1", "1", "1.0", "1.0.0", "1.0.0+build.1", "1.0.1", "1.10.0", "2.0.0-0", "2.0.0");
    List<Version> shuffled = new ArrayList<>(ascending.stream().map(Version::parse).toList());
    Collections.shuffle(shuffled, new Random(4));
    Collections.sort(shuffled);
    assertThat(shuffled).extracting(Version::text).containsExactlyElementsOf(ascending);
  }

  @Test
  void aPreReleaseNumberTooLargeToCompareMatchesNoRangeAndFailsNothing() {
    Version huge = Version.parse("42.0.0-10119999999999999999999");
    assertThat(VersionRange.parse(">=42.0.0-5").test(huge)).isFalse();
    assertThat(VersionRange.parse("*").test(huge)).isTrue();
    assertThat(huge.compareTo(Version.parse("42.0.0-5"))).isNegative();
    assertThatThrownBy(() -> VersionRange.parse(">=1.0.0-10119999999999999999999"))
        .isInstanceOf(dev.mp.MpException.class);
  }

  @Test
  void buildMetadataAndCoercionDoNotChangePrecedence() {
    assertThat(Version.parse("1.0.0+a").comparePrecedence(Version.parse("1.0.0+b"))).isZero();
    assertThat(Version.parse("1.0").comparePrecedence(Version.parse("1.0.0"))).isZero();
    assertThat(Version.parse("1.0")).isNotEqualTo(Version.parse("1.0.0"));
    assertThat(Version.parse("abc").comparePrecedence(Version.parse("def"))).isZero();
  }

  @Test
  void prereleaseIsKnownOnlyForSemver() {
    assertThat(Version.parse("2.0.0-rc.1").isPrerelease()).isTrue();
    assertThat(Version.parse("2.0.0").isPrerelease()).isFalse();
    assertThat(Version.parse("feature-x").isPrerelease()).isFalse();
  }
}
