package dev.mp.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.testing.TestFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mp reads each way Claude Code lets a plugin declare components (the same folders the real CLI reads). */
class CapabilityDetectorTest {
  @TempDir Path dir;

  @Test
  void everyDeclarationFormIsRead() {
    for (Map.Entry<String, PluginForms.Form> form : PluginForms.all().entrySet()) {
      Path folder = form.getValue().write(dir.resolve(form.getKey()), form.getKey());
      assertThat(CapabilityDetector.ofFolder(folder, null).describe()).as(form.getKey())
          .isEqualTo(form.getValue().expected());
    }
  }

  @Test
  void aMarketplaceEntryWithoutItsFolderDeclaresWhatItHoldsInline() {
    String entry = "{\"strict\": false, \"hooks\": {\"SessionStart\": [{\"hooks\": [{\"type\": \"command\","
        + " \"command\": \"x\"}]}]}, \"mcpServers\": {\"e\": {\"type\": \"http\", \"url\": \"https://e.example.com\"}},"
        + " \"commands\": [\"./c.md\", \"./dir\"], \"agents\": [\"./a.md\"], \"skills\": \"./skills/s\","
        + " \"lspServers\": \"./lsp.json\", \"monitors\": [{\"name\": \"m\", \"command\": \"watch\"}],"
        + " \"binaries\": {\"tool-x86_64-linux\": {\"sha256\": \"" + "a".repeat(64) + "\"}}, \"category\": \"dev\"}";

    assertThat(CapabilityDetector.ofEntry(entry).describe()).isEqualTo("hooks (SessionStart), monitors (m),"
        + " mcp-servers (e), lsp-servers, binaries (tool-x86_64-linux), commands (c), agents, skills,"
        + " network (e.example.com)");
    assertThat(CapabilityDetector.ofEntry(null)).isEqualTo(Capabilities.NONE);
    assertThat(CapabilityDetector.ofEntry("not json")).isEqualTo(Capabilities.NONE);
  }

  @Test
  void entryFieldsAndPluginJsonBothCount() {
    Path folder = dir.resolve("merged");
    TestFiles.write(folder.resolve(".claude-plugin/plugin.json"), "{\"name\": \"merged\", \"mcpServers\": {\"j\": {\"command\": \"j\"}}}");
    TestFiles.write(folder.resolve("extra-hooks.json"), "{\"hooks\": {\"PreCompact\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"x\"}]}]}}");

    Capabilities capabilities = CapabilityDetector.ofFolder(folder, "{\"hooks\": \"./extra-hooks.json\","
        + " \"lspServers\": {\"l\": {\"command\": \"l\", \"extensionToLanguage\": {\".l\": \"l\"}}}}");

    assertThat(capabilities.describe()).isEqualTo("hooks (PreCompact), mcp-servers (j), lsp-servers (l)");
  }

  @Test
  void aStrictFalseEntryWithoutPluginJsonIsItsManifest() {
    Path folder = dir.resolve("nostrict");
    TestFiles.write(folder.resolve("c.md"), PluginForms.markdown(null));
    TestFiles.write(folder.resolve("commands/ignored.md"), PluginForms.markdown(null));

    assertThat(CapabilityDetector.ofFolder(folder, "{\"strict\": false, \"commands\": [\"./c.md\"]}").describe())
        .isEqualTo("commands (c)");
  }

  @Test
  void pathsLeavingThePluginFolderAreNotFollowed() {
    TestFiles.write(dir.resolve("outside.json"), "{\"hooks\": {\"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"x\"}]}]}}");
    Path folder = dir.resolve("escape");
    TestFiles.write(folder.resolve(".claude-plugin/plugin.json"), "{\"name\": \"escape\", \"hooks\": [\"../outside.json\","
        + " \"/etc/passwd\", \"./linked.json\"], \"skills\": [\"../\"]}");
    PluginForms.link(folder.resolve("linked.json"), "../outside.json");

    assertThat(CapabilityDetector.ofFolder(folder, null)).isEqualTo(Capabilities.NONE);
  }

  @Test
  void formsClaudeCodeDoesNotLoadDeclareNothing() {
    Path folder = dir.resolve("odd");
    TestFiles.write(folder.resolve(".claude-plugin/plugin.json"), "{\"name\": \"odd\","
        + " \"hooks\": {\"hooks\": {\"SessionEnd\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"x\"}]}]}},"
        + " \"binaries\": {\"Bad Name\": {\"sha256\": \"" + "a".repeat(64) + "\"}, \"ok\": {\"sha256\": \"short\"}}}");
    // .lsp.json takes the servers themselves; Claude Code cannot read an `lspServers` wrapper.
    TestFiles.write(folder.resolve(".lsp.json"), "{\"lspServers\": {\"w\": {\"command\": \"w\"}}}");
    TestFiles.write(folder.resolve("hooks/hooks.json"), "{\"hooks\": {\"Stop\": [{\"hooks\": []}]}}");

    assertThat(CapabilityDetector.ofFolder(folder, null)).isEqualTo(Capabilities.NONE);
  }

  @Test
  void hookModulesAndMcpBundlesAndPinnedBinariesCount() {
    Path folder = dir.resolve("modern");
    TestFiles.write(folder.resolve(".claude-plugin/plugin.json"), "{\"name\": \"modern\","
        + " \"mcpServers\": [\"./server.mcpb\", \"https://cdn.example.com/tools/remote.mcpb\"],"
        + " \"binaries\": {\"fetcher-aarch64-darwin\": {\"sha256\": \"" + "b".repeat(64) + "\"}}}");
    TestFiles.write(folder.resolve("hooks/hooks.json"), "{\"modules\": [\"./mod.mjs\"]}");

    assertThat(CapabilityDetector.ofFolder(folder, null).describe()).isEqualTo("hooks (module:./mod.mjs),"
        + " mcp-servers (remote, server), binaries (fetcher-aarch64-darwin), network (cdn.example.com)");
  }

  @Test
  void capabilitiesRoundTripThroughTheLockfileForm() {
    Capabilities capabilities = CapabilityDetector.ofFolder(
        PluginForms.all().get("conventional").write(dir.resolve("c"), "c"), null);
    Capabilities back = Capabilities.fromJson(capabilities.toJson(), problem -> {
      throw new AssertionError(problem);
    });
    assertThat(back).isEqualTo(capabilities);
  }
}
