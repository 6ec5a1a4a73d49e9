package dev.mp.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * The hidden-text scan reads every file a plugin installs, whatever a stranger put there: any bytes
 * (invalid UTF-8, NULs, surrogates, endless combining runs) under any file name are scanned without
 * failing, in time, and every finding points at a real place (line and column from 1, its kind, a
 * printable detail). Scanning is deterministic. A failure here would let one crafted file stop
 * {@code policy enforce} for a whole project, or hide what follows it.
 */
class HiddenTextScannerFuzzTest {
  private static final String[] NAMES = {"SKILL.md", "commands/run.md", "bin/tool", "data.bin", "hooks/hooks.json",
      "README", "a\u202eb.md", "p\u0430ypal.md", "x\udb40\udc41.txt"};

  @FuzzTest
  @Timeout(10)
  // UTF-8 of tag characters, bidi controls, zero-width characters, variation selectors, a Cyrillic
  // letter and an emoji, so that the fuzzer starts from what the scanner looks for.
  @DictionaryEntries({"\"\\xF3\\xA0\\x80\\x81\"", "\"\\xF3\\xA0\\x81\\xBF\"", "\"\\xE2\\x80\\xAE\"",
      "\"\\xE2\\x81\\xA6\"", "\"\\xE2\\x80\\x8B\"", "\"\\xE2\\x80\\x8D\"", "\"\\xEF\\xB8\\x8F\"",
      "\"\\xF3\\xA0\\x84\\x80\"", "\"\\xD0\\xB0\"", "\"\\xF0\\x9F\\x8F\\xB4\"", "\"\\x0A\"", "\"\\x00\""})
  void anyFileIsScannedAndEveryFindingPointsIntoIt(FuzzedDataProvider data) {
    String path = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(40);
    byte[] bytes = data.consumeRemainingAsBytes();
    List<HiddenTextFinding> found = PluginScanner.scanFile(path, bytes);
    assertThat(PluginScanner.scanFile(path, bytes)).as("the same bytes, scanned again").isEqualTo(found);
    int lines = 1;
    for (byte b : bytes) {
      lines += b == '\n' ? 1 : 0;
    }
    for (HiddenTextFinding finding : found) {
      assertThat(finding.path()).isEqualTo(path);
      assertThat(finding.line()).isBetween(1, lines);
      assertThat(finding.column()).isPositive();
      assertThat(finding.kind()).isNotNull();
      assertThat(finding.detail()).isNotNull();
    }
    // A file's name is checked too (the text itself stands in for a name here).
    String name = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8);
    HiddenTextScanner.scanName(path, name, "file name")
        .ifPresent(finding -> assertThat(finding.kind()).isNotNull());
  }
}
