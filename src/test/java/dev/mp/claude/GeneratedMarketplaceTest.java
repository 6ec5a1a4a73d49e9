package dev.mp.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.registry.PluginNames;
import dev.mp.testing.ClaudeCode;
import dev.mp.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The marketplace mp generates in a project's install folder, read by the real Claude Code CLI: it
 * validates, and Claude Code loads from it the same components as from the source marketplace —
 * entries with {@code strict: false} and inline hooks, commands, MCP and LSP servers included — in as
 * many projects as a user has, each under its own name.
 */
class GeneratedMarketplaceTest {
  @TempDir Path temp;

  /** A marketplace with a strict:false entry carrying every kind of inline component, and a plain plugin. */
  private Marketplaces.Source source(Path root) {
    Marketplaces.Source source = new Marketplaces.Source(root, "upstream");
    ObjectNode hooked = source.entry("hooked", "hooked");
    hooked.put("version", "1.0.0");
    hooked.put("description", "Everything inline");
    hooked.put("strict", false);
    hooked.putArray("commands").add("./commands/");
    hooked.set("hooks", json("""
        {"SessionStart": [{"hooks": [{"type": "command", "command": "${CLAUDE_PLUGIN_ROOT}/scripts/start.sh"}]}]}"""));
    hooked.set("mcpServers", json("{\"notes\": {\"command\": \"node\", \"args\": [\"${CLAUDE_PLUGIN_ROOT}/server.js\"]}}"));
    hooked.set("lspServers", json("{\"go\": {\"command\": \"gopls\", \"extensionToLanguage\": {\".go\": \"go\"}}}"));
    hooked.put("category", "productivity");
    hooked.putArray("keywords").add("hooks");
    hooked.putObject("author").put("name", "Test Author");
    source.command("hooked", "hello").file("hooked", "scripts/start.sh", "echo started\n");

    ObjectNode manifested = source.entry("manifested", "manifested");
    manifested.put("description", "From its own plugin.json");
    source.file("manifested", ".claude-plugin/plugin.json",
        "{\"name\": \"manifested\", \"version\": \"2.1.0\", \"description\": \"Own manifest\"}");
    source.command("manifested", "review").file("manifested", "agents/checker.md",
        "---\nname: checker\ndescription: Checks things\n---\nCheck.\n");

    ObjectNode upper = source.entry("Upper.Case", "upper");
    upper.put("version", "0.1.0");
    upper.put("strict", false);
    source.command("upper", "shout");
    return source.write();
  }

  private static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private Path install(Path project, Path marketplace, String... plugins) {
    Marketplaces.project(project, marketplace);
    Cli.Result result = new Cli(project, temp.resolve("cache")).run(concat("install", plugins));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return project.resolve(".claude/plugins");
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  @Test
  void claudeCodeLoadsTheSameComponentsFromTheGeneratedMarketplaceAsFromTheSource() throws Exception {
    Marketplaces.Source source = source(temp.resolve("upstream"));
    Path project = temp.resolve("shop");
    Path installed = install(project, source.root, "hooked", "manifested", "Upper.Case");

    ClaudeCode check = ClaudeCode.require(temp.resolve("home-check"));
    ClaudeCode.Result validation = check.run(project, "plugin", "validate", installed.toString());
    assertThat(validation.exitCode()).as(validation.output()).isZero();
    assertThat(validation.output()).contains("Validation passed").doesNotContain("error");
    assertThat(installed.resolve(PluginNames.folder("Upper.Case"))).isDirectory();

    ClaudeCode fromSource = ClaudeCode.require(temp.resolve("home-source"));
    fromSource.ok(project, "plugin", "marketplace", "add", source.root.toString());
    ClaudeCode fromMp = ClaudeCode.require(temp.resolve("home-mp"));
    fromMp.ok(project, "plugin", "marketplace", "add", installed.toString());
    for (String plugin : List.of("hooked", "manifested", "Upper.Case")) {
      fromSource.ok(project, "plugin", "install", plugin + "@upstream");
      fromMp.ok(project, "plugin", "install", plugin + "@mp-shop");
      List<String> expected = Marketplaces.inventory(fromSource.ok(project, "plugin", "details", plugin + "@upstream"));
      List<String> actual = Marketplaces.inventory(fromMp.ok(project, "plugin", "details", plugin + "@mp-shop"));
      assertThat(actual).as("components of %s", plugin).isEqualTo(expected).isNotEmpty();
    }
    List<String> hooked = Marketplaces.inventory(fromMp.ok(project, "plugin", "details", "hooked@mp-shop"));
    assertThat(hooked).anySatisfy(line -> assertThat(line).startsWith("Hooks (1)").contains("SessionStart"))
        .anySatisfy(line -> assertThat(line).startsWith("MCP servers (1)").contains("notes"))
        .anySatisfy(line -> assertThat(line).startsWith("LSP servers (1)").contains("go"))
        .anySatisfy(line -> assertThat(line).startsWith("Skills (1)").contains("hello"));
    JsonNode list = Marketplaces.installed(fromMp, project);
    assertThat(Marketplaces.installed(list, "manifested@mp-shop").path("version").asText()).isEqualTo("2.1.0");
    assertThat(Marketplaces.installed(list, "hooked@mp-shop").path("errors")).isEmpty();
  }

  @Test
  void twoProjectsWithAPluginOfTheSameNameInstallSideBySide() {
    Marketplaces.Source first = new Marketplaces.Source(temp.resolve("first-source"), "first");
    first.entry("tool", "tool").put("version", "1.0.0").put("strict", false).putArray("commands").add("./commands/");
    first.command("tool", "alpha").write();
    Marketplaces.Source second = new Marketplaces.Source(temp.resolve("second-source"), "second");
    second.entry("tool", "tool").put("version", "2.0.0").put("strict", false).putArray("commands").add("./commands/");
    second.command("tool", "beta").write();
    Path projectA = temp.resolve("proj-a");
    Path projectB = temp.resolve("proj-b");
    install(projectA, first.root, "tool");
    install(projectB, second.root, "tool");

    ClaudeCode claude = ClaudeCode.require(temp.resolve("home"));
    claude.ok(projectA, "plugin", "marketplace", "add", "./.claude/plugins");
    claude.ok(projectB, "plugin", "marketplace", "add", "./.claude/plugins");
    claude.ok(projectA, "plugin", "install", "tool@mp-proj-a");
    claude.ok(projectB, "plugin", "install", "tool@mp-proj-b");

    JsonNode list = Marketplaces.installed(claude, projectA);
    assertThat(Marketplaces.installed(list, "tool@mp-proj-a").path("readFromFolder").asText())
        .isEqualTo(projectA.resolve(".claude/plugins/tool").toString());
    assertThat(Marketplaces.installed(list, "tool@mp-proj-b").path("readFromFolder").asText())
        .isEqualTo(projectB.resolve(".claude/plugins/tool").toString());
    assertThat(Marketplaces.inventory(claude.ok(projectA, "plugin", "details", "tool@mp-proj-a")))
        .anySatisfy(line -> assertThat(line).contains("alpha").doesNotContain("beta"));
    assertThat(Marketplaces.inventory(claude.ok(projectB, "plugin", "details", "tool@mp-proj-b")))
        .anySatisfy(line -> assertThat(line).contains("beta").doesNotContain("alpha"));
  }

  @Test
  void aNameClaudeCodeListsButWillNotInstallIsListedByMpAndRefusedWithTheReason() throws Exception {
    Marketplaces.Source source = new Marketplaces.Source(temp.resolve("odd"), "odd");
    source.entry("team:lint", "lint").put("version", "1.0.0").put("strict", false);
    source.command("lint", "lint").write();
    Path project = temp.resolve("odd-project");
    Marketplaces.project(project, source.root);
    Cli cli = new Cli(project, temp.resolve("cache"));

    Cli.Result search = cli.run("--json", "search", "lint");
    assertThat(search.exitCode()).as(search.toString()).isZero();
    assertThat(search.stdout()).contains("team:lint");
    Cli.Result refused = cli.run("install", "team:lint");
    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.stderr()).contains("`team:lint` from `source` cannot be installed")
        .contains("Claude Code installs only plugins whose name uses");
    assertThat(project.resolve("plugin-lock.json")).doesNotExist();

    ClaudeCode claude = ClaudeCode.require(temp.resolve("home"));
    claude.ok(project, "plugin", "marketplace", "add", source.root.toString());
    ClaudeCode.Result install = claude.run(project, "plugin", "install", "team:lint@odd");
    assertThat(install.exitCode()).isNotZero();
    assertThat(install.output()).contains("id is invalid");
    assertThat(Files.exists(project.resolve(".claude/plugins/.claude-plugin/marketplace.json"))).isFalse();
  }
}
