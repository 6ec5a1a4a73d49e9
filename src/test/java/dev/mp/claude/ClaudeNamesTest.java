package dev.mp.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.config.MarketplaceNames;
import dev.mp.io.Json;
import dev.mp.registry.PluginNames;
import dev.mp.testing.ClaudeCode;
import dev.mp.testing.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mp's name rules against the real Claude Code CLI: a marketplace name mp accepts is one {@code claude
 * plugin marketplace add} accepts (and mp's derived default is always one), a plugin name mp lists is
 * one Claude Code lists, and one mp installs is one {@code claude plugin install} installs.
 */
class ClaudeNamesTest {
  @TempDir Path temp;

  private static final List<String> MARKETPLACE_NAMES = List.of("mp-shop", "mp-My_Project.2", "MP-UPPER", "x",
      "claude_tools", "claudecode", "official", "anthropic", "claude-code-tools", "anthropic-x-plugins",
      "claude-plugins-official", "Agent-Skills", "healthcare", "builtin", "skills-dir", "inline", "claudeai-x",
      "mp-official-claude", "claude-marketplace", "Claude.Plugins", "anthropic--directory", "mp..x", "-mp", "_mp",
      "mp proj", "mp/x", "mp-ünï", "mp:x");

  @Test
  void aMarketplaceNameMpAcceptsIsOneClaudeCodeAdds() {
    Map<String, Boolean> claudeAccepts = new LinkedHashMap<>();
    Map<String, Boolean> mpAccepts = new LinkedHashMap<>();
    int i = 0;
    for (String name : MARKETPLACE_NAMES) {
      Path root = temp.resolve("m" + i++);
      TestFiles.write(root.resolve("plugins/p/commands/c.md"), "---\ndescription: c\n---\nc\n");
      TestFiles.write(root.resolve(".claude-plugin/marketplace.json"), "{\"name\": " + Json.mapper().valueToTree(name)
          + ", \"owner\": {\"name\": \"t\"}, \"plugins\": [{\"name\": \"p\", \"source\": \"./plugins/p\", \"strict\": false}]}");
      ClaudeCode claude = ClaudeCode.require(temp.resolve("home" + i));
      claudeAccepts.put(name, claude.run(root, "plugin", "marketplace", "add", root.toString()).exitCode() == 0);
      mpAccepts.put(name, MarketplaceNames.problem(name) == null);
    }
    assertThat(mpAccepts).isEqualTo(claudeAccepts);
    assertThat(claudeAccepts).containsValue(true).containsValue(false);
  }

  @Test
  void theDefaultNameOfAnyProjectFolderIsOneClaudeCodeAdds() {
    List<String> folders = List.of("My Project", "official-claude-tools", "日本語", "...", "a".repeat(90), "Ünïcödé app");
    int i = 0;
    for (String folder : folders) {
      String name = MarketplaceNames.derive(temp.resolve("projects").resolve(folder));
      assertThat(MarketplaceNames.problem(name)).as("%s from `%s`", name, folder).isNull();
      Path root = temp.resolve("d" + i++);
      TestFiles.write(root.resolve("plugins/p/commands/c.md"), "---\ndescription: c\n---\nc\n");
      TestFiles.write(root.resolve(".claude-plugin/marketplace.json"), "{\"name\": \"" + name
          + "\", \"owner\": {\"name\": \"t\"}, \"plugins\": [{\"name\": \"p\", \"source\": \"./plugins/p\", \"strict\": false}]}");
      ClaudeCode claude = ClaudeCode.require(temp.resolve("dhome" + i));
      ClaudeCode.Result add = claude.run(root, "plugin", "marketplace", "add", root.toString());
      assertThat(add.exitCode()).as("%s from `%s`: %s", name, folder, add.output()).isZero();
    }
  }

  @Test
  void aPluginNameMpListsOrInstallsIsOneClaudeCodeListsOrInstalls() throws Exception {
    List<String> names = List.of("plain", "Upper.Case", "a..b", "v1.2_x-y", "con", "a:b", "ünï", "x/y", ".hidden",
        "-dash", "_under", "a#b", "名前", "has space", "tab\tname", "x".repeat(150));
    Path root = temp.resolve("names");
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      TestFiles.write(root.resolve("plugins/p" + i + "/commands/c.md"), "---\ndescription: c\n---\nc\n");
      entries.append(i == 0 ? "" : ",").append("{\"name\": ").append(Json.mapper().writeValueAsString(names.get(i)))
          .append(", \"source\": \"./plugins/p").append(i).append("\", \"strict\": false, \"version\": \"1.0.0\"}");
    }
    TestFiles.write(root.resolve(".claude-plugin/marketplace.json"),
        "{\"name\": \"names\", \"owner\": {\"name\": \"t\"}, \"plugins\": [" + entries + "]}");
    ClaudeCode claude = ClaudeCode.require(temp.resolve("home"));
    claude.ok(root, "plugin", "marketplace", "add", root.toString());
    JsonNode available = Json.mapper().readTree(
        claude.ok(root, "plugin", "list", "--available", "--json").stdout()).path("available");
    Set<String> listed = new TreeSet<>();
    available.forEach(plugin -> listed.add(plugin.path("name").asText()));

    Set<String> mpListed = new TreeSet<>();
    names.stream().filter(PluginNames::isListed).forEach(mpListed::add);
    assertThat(mpListed).isEqualTo(listed);

    List<String> claudeInstalls = new ArrayList<>();
    List<String> mpInstalls = new ArrayList<>();
    for (String name : listed) {
      if (name.startsWith("-")) {
        continue; // the CLI reads it as an option: nothing to learn about the name
      }
      if (claude.run(root, "plugin", "install", name + "@names").exitCode() == 0) {
        claudeInstalls.add(name);
      }
      if (PluginNames.isInstallable(name)) {
        mpInstalls.add(name);
      }
    }
    assertThat(mpInstalls).isEqualTo(claudeInstalls).contains("Upper.Case", "a..b").doesNotContain("a:b", "ünï");
  }
}
