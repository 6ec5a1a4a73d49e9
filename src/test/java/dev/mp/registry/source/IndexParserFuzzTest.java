package dev.mp.registry.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mp.Reporter;
import dev.mp.registry.PluginEntry;
import dev.mp.testing.FuzzRules;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Registry indexes as a stranger may publish them: any bytes are read (entries with problems left
 * out with a warning) or refused with a coded error, whether the index is a local file or fetched
 * over HTTP. No file is touched: the parser reads a stream.
 */
class IndexParserFuzzTest {
  private static final DocumentOrigin LOCAL =
      new DocumentOrigin.Local(Path.of("/registry/index.json"), Path.of("/registry"));
  private static final DocumentOrigin REMOTE = new DocumentOrigin.Remote(URI.create("https://registry.example/team/index.json"));

  @FuzzTest
  @Timeout(10)
  @DictionaryFile(resourcePath = "/dev/mp/fuzz/json.dict")
  @DictionaryEntries({"\"plugins\"", "\"version\"", "\"serial\"", "\"expires\"", "\"updatedAt\"", "\"name\"",
      "\"description\"", "\"integrity\"", "\"resolved\"", "\"releases\"", "\"dependencies\"", "\"trustScore\"",
      "\"signed\"", "\"signature\"", "\"yanked\"", "\"source\"", "\"repo\"", "\"url\"", "\"ref\"", "\"sha\"",
      "\"path\"", "\"github\"", "\"git-subdir\"", "\"registry\""})
  void anyIndexIsReadOrRefusedWithACode(byte[] bytes) throws Exception {
    for (DocumentOrigin origin : new DocumentOrigin[] {LOCAL, REMOTE}) {
      Set<String> names = new HashSet<>();
      ParseWarnings warnings = new ParseWarnings("registry `fuzz`", Reporter.SILENT);
      FuzzRules.codedOnly(() -> {
        IndexParser.Summary summary = IndexParser.parse(new ByteArrayInputStream(bytes), "index.json", origin, warnings,
            (PluginEntry entry) -> {
              assertThat(entry.releases()).isNotEmpty();
              assertThat(entry.latest()).isNotNull();
              return names.add(entry.name());
            });
        assertThat(summary.plugins()).isEqualTo(names.size());
      });
    }
  }
}
