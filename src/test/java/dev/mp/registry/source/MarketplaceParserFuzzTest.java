package dev.mp.registry.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mp.ErrorCode;
import dev.mp.Reporter;
import dev.mp.io.JsonDocument;
import dev.mp.registry.PackageSource;
import dev.mp.registry.Release;
import dev.mp.testing.FuzzRules;
import dev.mp.testing.FuzzSandbox;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * Claude Code marketplaces ({@code .claude-plugin/marketplace.json}) as a stranger may publish them:
 * read from a folder on disk or fetched over HTTP, any bytes give plugins (odd entries skipped with
 * a warning) or a coded error; relative sources never lead the parser to read outside the
 * marketplace folder (the sandbox reports any file access beyond it).
 */
class MarketplaceParserFuzzTest {
  private static final FuzzSandbox SANDBOX = FuzzSandbox.create("marketplace");
  private static final PackageSource.Git REPOSITORY =
      new PackageSource.Git("https://github.com/team/market.git", "main", null, null);

  @FuzzTest
  @Timeout(10)
  @DictionaryFile(resourcePath = "/dev/mp/fuzz/json.dict")
  @DictionaryEntries({"\"plugins\"", "\"name\"", "\"owner\"", "\"metadata\"", "\"pluginRoot\"", "\"source\"",
      "\"version\"", "\"description\"", "\"dependencies\"", "\"repo\"", "\"url\"", "\"ref\"", "\"sha\"", "\"path\"",
      "\"github\"", "\"git\"", "\"git-subdir\"", "\"npm\"", "\"pip\"", "\"package\"", "\"strict\"", "\"./plugins/alpha\"",
      "\"./plugins\"", "\"plugins/beta\"", "\"..\"", "\"./\"", "\"alpha\"", "\"beta\""})
  void anyMarketplaceIsReadOrRefusedWithACode(byte[] bytes) throws Exception {
    SANDBOX.run(work -> {
      Path market = work.resolve("market");
      TestFiles.write(market.resolve("plugins/alpha/.claude-plugin/plugin.json"),
          "{\"name\": \"alpha\", \"version\": \"1.0.0\", \"dependencies\": [\"beta\"]}");
      TestFiles.write(market.resolve("plugins/beta/README.md"), "beta");
      TestFiles.write(market.resolve(".claude-plugin/README"), "");
      Files.write(market.resolve(".claude-plugin/marketplace.json"), bytes);
      FuzzRules.codedOnly(() -> {
        JsonDocument document = JsonDocument.parseJson(".claude-plugin/marketplace.json", bytes, ErrorCode.INDEX_INVALID);
        check(MarketplaceParser.parseLocal(document, market, new ParseWarnings("registry `fuzz`", Reporter.SILENT)), market);
        check(MarketplaceParser.parseRemote(document, REPOSITORY, new ParseWarnings("registry `fuzz`", Reporter.SILENT)), null);
        check(MarketplaceParser.parseRemote(document, null, new ParseWarnings("registry `fuzz`", Reporter.SILENT)), null);
      });
    });
  }

  private static void check(MarketplaceParser.Marketplace marketplace, Path root) {
    for (MarketplaceParser.Entry entry : marketplace.entries()) {
      for (Release release : entry.plugin().releases()) {
        if (release.source() instanceof PackageSource.Folder folder) {
          assertThat(root).as("a folder source read over HTTP").isNotNull();
          assertThat(folder.path().normalize().startsWith(root)).as("a folder source " + folder.path()).isTrue();
        }
      }
    }
  }
}
