package dev.mp.capability;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mp.testing.FuzzSandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * What a plugin can do is read from files its author wrote ({@code plugin.json}, {@code
 * hooks/hooks.json}, {@code .mcp.json}, {@code .lsp.json}, {@code monitors/monitors.json}) and from
 * its marketplace entry, in every form Claude Code accepts. Whatever those hold — malformed JSON,
 * paths out of the plugin or to {@code /etc}, links, deep nesting — detection never fails (a
 * malformed file declares nothing), reads nothing outside the plugin folder (Jazzer's path
 * traversal detector, confined to the run's folder), and its result survives the lockfile's round
 * trip.
 */
class CapabilityDetectorFuzzTest {
  private static final FuzzSandbox SANDBOX = FuzzSandbox.create("capabilities");
  private static final String[] FILES = {".claude-plugin/plugin.json", "hooks/hooks.json", ".mcp.json", ".lsp.json",
      "monitors/monitors.json", "bin/tool", "commands/run.md", "agents/a.md", "skills/s/SKILL.md", "extra/hooks.json"};
  private static final String[] LINK_TARGETS = {"../../outside", "/etc/passwd", "hooks.json", "..", "bin", "."};

  @FuzzTest
  @Timeout(10)
  @DictionaryFile(resourcePath = "/dev/mp/fuzz/json.dict")
  @DictionaryEntries({"\"hooks\"", "\"SessionStart\"", "\"PreToolUse\"", "\"matcher\"", "\"type\"", "\"command\"",
      "\"mcpServers\"", "\"lspServers\"", "\"monitors\"", "\"binaries\"", "\"commands\"", "\"agents\"",
      "\"skills\"", "\"network\"", "\"hosts\"", "\"url\"", "\"args\"", "\"./hooks/hooks.json\"", "\"../\"",
      "\"${CLAUDE_PLUGIN_ROOT}\"", "\"sha256\"", "\"http\"", "\"sse\"", "\"stdio\""})
  void anyDeclarationsAreReadOrDeclareNothing(FuzzedDataProvider data) throws Exception {
    List<String[]> files = new ArrayList<>();
    int count = data.consumeInt(0, 6);
    for (int i = 0; i < count; i++) {
      boolean link = data.consumeInt(0, 9) == 0;
      files.add(new String[] {data.pickValue(FILES), link ? "link" : "file",
          link ? data.pickValue(LINK_TARGETS) : data.consumeString(600)});
    }
    String entryFields = data.consumeBoolean() ? null : data.consumeRemainingAsString();
    SANDBOX.run(work -> {
      Path plugin = work.resolve("plugin");
      Files.createDirectories(plugin);
      for (String[] file : files) {
        Path target = plugin.resolve(file[0]);
        Files.createDirectories(target.getParent());
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (file[1].equals("link")) {
          Files.createSymbolicLink(target, Path.of(file[2]));
        } else {
          Files.write(target, file[2].getBytes(StandardCharsets.UTF_8));
        }
      }
      Capabilities found = CapabilityDetector.ofFolder(plugin, entryFields);
      assertThat(CapabilityDetector.ofFolder(plugin, entryFields)).as("read again").isEqualTo(found);
      List<String> problems = new ArrayList<>();
      assertThat(Capabilities.fromJson(found.toJson(), problems::add)).as("through the lockfile").isEqualTo(found);
      assertThat(problems).isEmpty();
      Capabilities declared = CapabilityDetector.ofEntry(entryFields);
      assertThat(Capabilities.fromJson(declared.toJson(), problems::add)).isEqualTo(declared);
    });
  }
}
