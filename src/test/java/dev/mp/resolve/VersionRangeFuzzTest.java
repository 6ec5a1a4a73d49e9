package dev.mp.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import dev.mp.testing.FuzzRules;
import org.junit.jupiter.api.Timeout;

/**
 * Version ranges as users and registries write them ({@code RangeParser} behind {@link
 * VersionRange#parse}): any text is a range or a coded usage error, and a parsed range answers
 * {@code test} for any version without failing.
 */
class VersionRangeFuzzTest {
  @FuzzTest
  @Timeout(10)
  @DictionaryEntries({"||", " - ", "^", "~", ">=", "<=", ">", "<", "=", "x", "X", "*", ".", "-", "+", "0", "1.2.3",
      "-rc.1", "+build", "999999999", "9999999999999999999", "v", " ", "||||", "1.x.x", "~>", "^0.0"})
  void rangesParseOrFailWithACode(FuzzedDataProvider data) throws Exception {
    String range = data.consumeString(200);
    String version = data.consumeRemainingAsString();
    FuzzRules.codedOnly(() -> {
      VersionRange parsed = VersionRange.parse(range);
      assertThat(VersionRange.parse(parsed.text())).isEqualTo(parsed);
      parsed.describe();
      Version candidate = Version.parse(version);
      parsed.test(candidate);
    });
  }
}
