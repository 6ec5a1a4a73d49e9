package dev.mp.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.testing.ClaudeCode;
import dev.mp.testing.TestFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mp's capabilities agree with what the real Claude Code CLI loads: for every declaration form, the
 * {@code Provides:} list and {@code Hosts:} line of {@code claude plugin validate}; for a marketplace
 * entry that is its plugin's manifest ({@code strict: false}), the inventory of {@code claude plugin
 * details} after installing it.
 */
class CapabilitiesClaudeCodeTest {
  private static final Pattern PROVIDES = Pattern.compile("❯ (hooks|monitors|mcpServers|lspServers|skills|commands|agents|bin): (\\S+)");
  private static final Map<String, Capability> KINDS = Map.of("hooks", Capability.HOOKS, "monitors", Capability.MONITORS,
      "mcpServers", Capability.MCP_SERVERS, "lspServers", Capability.LSP_SERVERS, "skills", Capability.SKILLS,
      "commands", Capability.COMMANDS, "agents", Capability.AGENTS, "bin", Capability.BINARIES);

  @TempDir Path dir;

  @Test
  void validateListsWhatMpReadsForEveryDeclarationForm() {
    ClaudeCode claude = ClaudeCode.require(dir.resolve("home"));
    for (Map.Entry<String, PluginForms.Form> form : PluginForms.all().entrySet()) {
      Path folder = form.getValue().write(dir.resolve(form.getKey()), form.getKey());
      String output = claude.run(folder, "plugin", "validate", ".").output();
      assertThat(output).as(form.getKey()).doesNotContain("could not be read");

      assertThat(provided(output, form.getKey())).as(form.getKey() + ":\n" + output)
          .isEqualTo(CapabilityDetector.ofFolder(folder, null));
    }
  }

  /** What {@code claude plugin validate} says the plugin provides, as capabilities. */
  static Capabilities provided(String output, String plugin) {
    Capabilities.Builder found = new Capabilities.Builder();
    int provides = output.indexOf("Provides:");
    if (provides >= 0) {
      String section = output.substring(provides);
      int end = section.indexOf("\n\n", section.indexOf("❯"));
      Matcher m = PROVIDES.matcher(end < 0 ? section : section.substring(0, end));
      while (m.find()) {
        String name = m.group(2);
        if (name.startsWith(plugin + ":")) {
          name = name.substring(plugin.length() + 1);
        }
        found.add(KINDS.get(m.group(1)), name);
      }
    }
    Matcher hosts = Pattern.compile("(?m)^Hosts: (.*)$").matcher(output);
    if (hosts.find()) {
      for (String host : hosts.group(1).split(", ")) {
        found.add(Capability.NETWORK, host.replace(" (declared)", "").strip());
      }
    }
    return found.build();
  }

  @Test
  void detailsShowsTheHooksAndServersOfAnEntryThatIsItsOwnManifest() {
    ClaudeCode claude = ClaudeCode.require(dir.resolve("home"));
    Path market = dir.resolve("market");
    String entryFields = "{\"strict\": false, \"hooks\": {\"SessionStart\": [{\"hooks\": [{\"type\": \"command\","
        + " \"command\": \"echo s\"}]}], \"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"echo t\"}]}]},"
        + " \"mcpServers\": {\"e\": {\"command\": \"e\"}, \"f\": {\"type\": \"http\", \"url\": \"https://f.example.com\"}},"
        + " \"lspServers\": {\"l\": {\"command\": \"l\", \"extensionToLanguage\": {\".l\": \"l\"}}}}";
    TestFiles.write(market.resolve(".claude-plugin/marketplace.json"), "{\"name\": \"forms\", \"owner\": {\"name\": \"t\"},"
        + " \"plugins\": [{\"name\": \"inline\", \"source\": \"./plugins/inline\", \"version\": \"1.0.0\", "
        + entryFields.substring(1) + "]}");
    Path folder = market.resolve("plugins/inline");
    TestFiles.write(folder.resolve("README.md"), "# inline\n");

    claude.ok(market, "plugin", "marketplace", "add", market.toString());
    claude.ok(market, "plugin", "install", "inline@forms");
    String details = claude.ok(market, "plugin", "details", "inline@forms").stdout();

    Capabilities mp = CapabilityDetector.ofFolder(folder, entryFields);
    assertThat(inventory(details, "Hooks")).isEqualTo(String.join(", ", mp.names(Capability.HOOKS)));
    assertThat(inventory(details, "MCP servers")).isEqualTo(String.join(", ", mp.names(Capability.MCP_SERVERS)));
    assertThat(inventory(details, "LSP servers")).isEqualTo(String.join(", ", mp.names(Capability.LSP_SERVERS)));
    // Without the folder, the entry alone says the same.
    assertThat(CapabilityDetector.ofEntry(entryFields)).isEqualTo(mp);
  }

  /** {@code  Hooks (2)  SessionStart, Stop  (harness-only ...)} → the names, sorted. */
  static String inventory(String details, String title) {
    Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(title) + " \\((\\d+)\\)\\s*(.*?)(\\s+\\(.*)?$").matcher(details);
    assertThat(m.find()).as(title + " in\n" + details).isTrue();
    String names = m.group(2).strip();
    return names.isEmpty() ? "" : String.join(", ", new java.util.TreeSet<>(java.util.List.of(names.split(", "))));
  }
}
