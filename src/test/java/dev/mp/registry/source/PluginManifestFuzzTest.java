package dev.mp.registry.source;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mp.Reporter;
import dev.mp.testing.FuzzSandbox;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/**
 * A plugin's own {@code .claude-plugin/plugin.json}, whatever its bytes: read, or reported as a
 * warning for that plugin. Reading it never fails (a bad manifest must not stop a registry from
 * loading), so here even a coded error is a finding.
 */
class PluginManifestFuzzTest {
  private static final FuzzSandbox SANDBOX = FuzzSandbox.create("plugin-json");

  @FuzzTest
  @Timeout(10)
  @DictionaryFile(resourcePath = "/dev/mp/fuzz/json.dict")
  @DictionaryEntries({"\"name\"", "\"version\"", "\"description\"", "\"dependencies\"", "\"author\"", "\"registry\"",
      "\"marketplace\"", "\"optional\"", "\"commands\"", "\"hooks\"", "\"mcpServers\"", "\"@\"", "\"alpha\""})
  void anyManifestIsReadOrAWarning(byte[] bytes) throws Exception {
    SANDBOX.run(work -> {
      Path plugin = work.resolve("alpha");
      Files.createDirectories(plugin.resolve(".claude-plugin"));
      Files.write(plugin.resolve(PluginManifest.FILE), bytes);
      TestFiles.write(plugin.resolve("commands/hello.md"), "hello");
      PluginManifest.read(plugin, "alpha/" + PluginManifest.FILE, "fuzz", new ParseWarnings("registry `fuzz`", Reporter.SILENT))
          .ifPresent(manifest -> manifest.dependencies().forEach(dependency -> dependency.toString()));
    });
  }
}
