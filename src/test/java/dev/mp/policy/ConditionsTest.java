package dev.mp.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The `trust_score` comparison and the `versions` filter. */
class ConditionsTest {
  @ParameterizedTest(name = "{1} {0} → {2}")
  @CsvSource({
    "'>= 80', 80, true", "'>= 80', 79, false",
    "'<= 80', 80, true", "'<= 80', 81, false",
    "'> 80', 81, true", "'> 80', 80, false",
    "'< 80', 79, true", "'< 80', 80, false",
    "'== 80', 80, true", "'== 80', 81, false",
    "'!= 80', 81, true", "'!= 80', 80, false",
    "'>=79.5', 80, true", "'>=80.5', 80, false",
    "'  >=   -1 ', 0, true",
  })
  void comparesTheTrustScore(String condition, int score, boolean expected) {
    assertThat(TrustScoreCondition.parse(condition).orElseThrow().holds(score)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"'>= 80'", "'<= 80'", "'> 80'", "'< 80'", "'== 80'", "'!= 80'"})
  void aMissingTrustScoreNeverHolds(String condition) {
    assertThat(TrustScoreCondition.parse(condition).orElseThrow().holds(null)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"80", "'=> 80'", "'>= eighty'", "'>='", "'= 80'", "'>= 80 and signed'", "''"})
  void refusesWhatIsNotAComparisonWithANumber(String text) {
    assertThat(TrustScoreCondition.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "{1} in {0} → {2}")
  @CsvSource({
    "'<1.4.2', 1.4.1, true", "'<1.4.2', 1.4.2, false", "'<1.4.2', 1.4.1-rc.1, true", "'<1.4.2', 1.4.2-rc.1, true",
    "'^1.2', 1.9.0, true", "'^1.2', 2.0.0, false", "'^1.2', 1.1.9, false",
    "'~1.2.3', 1.2.9, true", "'~1.2.3', 1.3.0, false",
    "'>=1 <2', 1.5.0, true", "'>=1 <2', 2.0.0, false",
    "'>= 1.0.0', 1.0.0, true",
    "'1.x', 1.7.0, true", "'1.x', 2.0.0, false",
    "'x', 0.0.1, true", "'*', 9.9.9, true",
    "'1.0.0 - 2.0.0', 2.0.0, true", "'1.0.0 - 2.0.0', 2.0.1, false",
    "'<1.0.0 || >=3', 3.1.0, true", "'<1.0.0 || >=3', 2.0.0, false",
    "'=1.2.0', 1.2.0, true",
    "'<1.4.2', not-semver, false", "'*', 1.2, false",
  })
  void filtersVersionsLikeNpmRangesWithPreReleasesIncluded(String range, String version, boolean expected) {
    assertThat(VersionFilter.parse(range).orElseThrow().includes(version)).isEqualTo(expected);
  }

  @Test
  void anUnknownVersionIsInNoRange() {
    assertThat(VersionFilter.parse("*").orElseThrow().includes(null)).isFalse();
  }

  @Test
  void aPreReleaseNumberTooLargeToCompareIsInNoRange() {
    assertThat(VersionFilter.parse("<1.0.0-5").orElseThrow().includes("1.0.0-99999999999999999999")).isFalse();
    assertThat(VersionFilter.isSemver("1.0.0-99999999999999999999")).isFalse();
    assertThat(VersionFilter.parse("<1.0.0-5").orElseThrow().includes("1.0.0-4")).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"''", "banana", "'before 1.4'", "'>='", "'1.2.3.4'", "'latest'", "'^'", "'1.0.0 -'", "'01.2.3'",
      // Numbers beyond semver4j's int (found by PolicyLoaderFuzzTest): were a NumberFormatException.
      "'<1.555555555555554'", "'<2147483648.0.0'", "'1.x || ^99999999999999999999'"})
  void refusesWhatIsNotARange(String text) {
    assertThat(VersionFilter.parse(text)).isEmpty();
  }
}
