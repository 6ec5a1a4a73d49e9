package dev.mp.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second scan of unchanged files reads none of them; a changed file is read again. */
class ScanCacheTest {
  @TempDir Path temp;

  @Test
  void unchangedFilesAreNotReadAgainAndChangedOnesAre() throws Exception {
    Path install = temp.resolve("plugins");
    Path plugin = install.resolve("p");
    TestFiles.write(plugin.resolve("clean.md"), "Café ☕\n");
    TestFiles.write(plugin.resolve("tagged.md"), "x" + HiddenTextScannerTest.tags("hi") + "\n");
    Thread.sleep(ScanCache.RACY_MARGIN_MILLIS + 100);

    ScanCache first = ScanCache.load(temp.resolve("cache"), install);
    List<HiddenTextFinding> found = PluginScanner.scan(plugin, first, "p");
    first.save();
    assertThat(first.readFiles()).isEqualTo(2);
    assertThat(found).extracting(HiddenTextFinding::path).containsExactly("tagged.md");

    ScanCache second = ScanCache.load(temp.resolve("cache"), install);
    assertThat(PluginScanner.scan(plugin, second, "p")).isEqualTo(found);
    second.save();
    assertThat(second.readFiles()).isZero();
    assertThat(second.cachedFiles()).isEqualTo(2);

    TestFiles.write(plugin.resolve("clean.md"), "Café ☕ \u202E\n");
    ScanCache third = ScanCache.load(temp.resolve("cache"), install);
    assertThat(PluginScanner.scan(plugin, third, "p")).extracting(HiddenTextFinding::path)
        .containsExactly("clean.md", "tagged.md");
    assertThat(third.readFiles()).as("the changed file, within the racy window, is read").isEqualTo(1);
  }
}
