package dev.mp.registry.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.integrity.TreeHash;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.PackageSource;
import dev.mp.registry.PluginEntry;
import dev.mp.testing.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderReaderTest {
  @TempDir Path folder;
  private final List<String> warnings = new ArrayList<>();

  private List<PluginEntry> read() {
    return FolderReader.read(folder, "./plugins", new ParseWarnings("registry `local`", warnings::add));
  }

  @Test
  void everySubfolderWithAManifestIsAPluginHashedCanonically() {
    TestFiles.write(folder.resolve("beta/.claude-plugin/plugin.json"),
        "{\"name\": \"beta\", \"version\": \"2.1.0\", \"description\": \"Beta\", \"dependencies\": [\"alpha@^1\","
            + " {\"name\": \"gamma\", \"version\": \"~2.1.0\", \"marketplace\": \"team\"}]}");
    TestFiles.write(folder.resolve("beta/commands/run.md"), "run\n");
    TestFiles.write(folder.resolve("alpha/.claude-plugin/plugin.json"), "{\"name\": \"alpha\"}");
    TestFiles.write(folder.resolve("notes/README.md"), "not a plugin\n");
    TestFiles.write(folder.resolve(".hidden/.claude-plugin/plugin.json"), "{\"name\": \"hidden\"}");
    List<PluginEntry> plugins = read();
    assertThat(plugins).extracting(PluginEntry::name).containsExactly("alpha", "beta");
    PluginEntry beta = plugins.get(1);
    assertThat(beta.latest().version()).isEqualTo("2.1.0");
    assertThat(beta.description()).isEqualTo("Beta");
    assertThat(beta.latest().source()).isEqualTo(new PackageSource.Folder(folder.resolve("beta")));
    assertThat(beta.latest().integrity()).isEqualTo(TreeHash.of(folder.resolve("beta")));
    assertThat(beta.latest().dependencies()).containsExactly(new DependencySpec("alpha", "^1", null),
        new DependencySpec("gamma", "~2.1.0", null));
    assertThat(plugins.get(0).latest().version()).isEqualTo("0.0.0");
    // `marketplace` names a Claude Code marketplace, which a folder of plugins is not.
    assertThat(warnings).singleElement().asString().contains("marketplace `team` is not a marketplace mp reads here");
  }

  @Test
  void aManifestWithoutANameUsesTheFolderNameAndABrokenOneIsReported() {
    TestFiles.write(folder.resolve("nameless/.claude-plugin/plugin.json"), "{\"version\": \"1.0.0\"}");
    TestFiles.write(folder.resolve("broken/.claude-plugin/plugin.json"), "{\"name\": ");
    assertThat(read()).extracting(PluginEntry::name).containsExactly("nameless");
    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(0)).startsWith("registry `local`: ./plugins/broken/.claude-plugin/plugin.json:1:")
        .contains("malformed JSON");
    assertThat(warnings.get(1)).contains("no `name`; using the folder name `nameless`");
  }

  @Test
  void aPluginFolderGivenAsARegistryIsExplained() {
    TestFiles.write(folder.resolve(".claude-plugin/plugin.json"), "{\"name\": \"solo\"}");
    assertThat(read()).isEmpty();
    assertThat(warnings).singleElement().asString().contains("this is a plugin folder, not a folder of plugins");
  }
}
