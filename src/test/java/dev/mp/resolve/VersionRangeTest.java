package dev.mp.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionRangeTest {
  @ParameterizedTest(name = "{0} ∋ {1}: {2}")
  @CsvSource(delimiter = ';', value = {
      // caret: the left-most non-zero part is fixed
      "^1.2;1.2.0;true", "^1.2;1.9.9;true", "^1.2;2.0.0;false", "^1.2;1.1.9;false",
      "^0.2.3;0.2.5;true", "^0.2.3;0.3.0;false", "^0.0.3;0.0.3;true", "^0.0.3;0.0.4;false",
      "^0.x;0.5.0;true", "^0.x;1.0.0;false", "^0.0;0.0.5;true", "^0.0;0.1.0;false", "^0;0.9.9;true",
      // tilde: patch updates, or minor when only the major is given
      "~1.2.3;1.2.9;true", "~1.2.3;1.3.0;false", "~1.2;1.2.7;true", "~1;1.9.0;true", "~1;2.0.0;false", "~>1.2;1.2.5;true",
      // x-ranges and stars
      "1.x;1.4.0;true", "1.x;2.0.0;false", "1.2.*;1.2.9;true", "1;1.9.9;true", "x;3.0.0;true", "*;1.0.0;true",
      // comparators, with and without spaces
      ">=1 <2;1.5.0;true", ">=1 <2;2.0.0;false", ">= 1.2.3;1.5.0;true", ">1.2;1.2.9;false", ">1.2;1.3.0;true",
      "<=1.2;1.2.9;true", "<1;0.9.9;true", "=1.2.3;1.2.3;true", "1.2.3;1.2.3+build;true",
      // hyphen ranges: partial upper bounds include the whole partial
      "1.2.3 - 2.3.4;2.3.4;true", "1.2.3 - 2.3.4;2.3.5;false", "1.2 - 2.3;2.3.9;true", "1.2 - 2.3;2.4.0;false",
      // unions
      "1.0.0 || 2.x;2.5.0;true", "1.0.0 || 2.x;1.5.0;false", "<1 || >2;3.0.0;true", "<1 || >2;2.9.9;false",
      // prereleases only when a comparator of the same major.minor.patch names one
      "*;1.0.0-beta;false", ">=1.0.0;1.0.0-rc.1;false", "<2.0.0;2.0.0-rc.1;false", ">=1 <2;1.5.0-beta;false",
      ">1.2.3-alpha.3;1.2.3-alpha.7;true", ">1.2.3-alpha.3;3.4.5-alpha.9;false", ">1.2.3-alpha.3;3.4.5;true",
      "^1.2.3-beta.2;1.2.3-beta.4;true", "^1.2.3-beta.2;1.2.4-beta.1;false",
      // opaque versions: only the any-range, or their exact text
      "*;3f2a9c1;true", "^1;3f2a9c1;false", "3f2a9c1;3f2a9c1;true", "3f2a9c1;3f2a9c2;false", "main;main;true",
      // coerced versions take part like the semver version they stand for
      "^1;1.0;true", "~1.0.0;1.0;true", ">=2;1.0;false",
  })
  void followsNpmSemantics(String range, String version, boolean expected) {
    assertThat(VersionRange.parse(range).test(Version.parse(version))).isEqualTo(expected);
  }

  /** Every row of a table produced by npm's own {@code semver.satisfies} (see the file's header). */
  @TestFactory
  Stream<DynamicTest> agreesWithNpmSemverOnEveryRowOfItsTable() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("/resolve/npm-satisfies.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          rows.add(line.split("\t", -1));
        }
      }
    }
    assertThat(rows).hasSizeGreaterThan(4000);
    return Stream.of(DynamicTest.dynamicTest(rows.size() + " rows", () -> {
      List<String> mismatches = new ArrayList<>();
      for (String[] row : rows) {
        boolean actual = VersionRange.parse(row[0]).test(Version.parse(row[1]));
        if (actual != Boolean.parseBoolean(row[2])) {
          mismatches.add("[" + row[0] + "] " + row[1] + ": npm " + row[2]);
        }
      }
      assertThat(mismatches).isEmpty();
    }));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "^1.2.3;>=1.2.3 <2.0.0-0",
      "~1.2;>=1.2.0 <1.3.0-0",
      "1.2.3 - 2.3;>=1.2.3 <2.4.0-0",
      ">1.2;>=1.3.0",
      "<=1.2;<1.3.0-0",
      "1.x || >=2.5.0;>=1.0.0 <2.0.0-0||>=2.5.0",
      "*;*",
      "abc1234;=abc1234",
  })
  void describesItselfAsPrimitiveComparators(String range, String described) {
    assertThat(VersionRange.parse(range).describe()).isEqualTo(described);
  }

  @ParameterizedTest
  @ValueSource(strings = {"^^1", ">=>1", "1 - ", "~~1", "a b", "||||>", "^v", "1.2.3 -2", ">=1.2.3-01", "1.2-beta <2"})
  void rejectsWhatIsNeitherARangeNorAVersionToken(String range) {
    assertThatThrownBy(() -> VersionRange.parse(range))
        .isInstanceOf(MpException.class)
        .satisfies(e -> assertThat(((MpException) e).code()).isEqualTo(ErrorCode.USAGE_ERROR))
        .hasMessageContaining("invalid version range `" + range.trim() + "`");
  }

  @Test
  void emptyStarAndXAreTheAnyRange() {
    for (String any : new String[] {"", " ", "*", "x", "X", ">=*", "1.2.3 ||"}) {
      assertThat(VersionRange.parse(any).isAny()).as(any).isTrue();
    }
    assertThat(VersionRange.parse("^1").isAny()).isFalse();
    assertThat(VersionRange.parse("abc1234").isExactToken()).isTrue();
  }
}
