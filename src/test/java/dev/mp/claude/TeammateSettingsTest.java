package dev.mp.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.io.Json;
import dev.mp.testing.ClaudeCode;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a teammate gets from the {@code .claude/settings.json} mp writes, with the real Claude Code CLI
 * and a fresh home, in a clone of the project that ran {@code mp lock install}: the declaration is the
 * form Claude Code itself writes for a project ({@code directory} source, path {@code
 * ./.claude/plugins}); the non-interactive {@code claude plugin} commands do not read it until the
 * marketplace is added (an interactive session adds it after the folder-trust prompt, see
 * docs/claude-code.md), and the one-line install docs/claude-code.md gives works and leaves the
 * declaration as mp wrote it.
 */
class TeammateSettingsTest {
  @TempDir Path temp;
  private Path clone;

  @BeforeEach
  void aClonedProject() {
    Marketplaces.Source source = new Marketplaces.Source(temp.resolve("upstream"), "upstream");
    source.entry("hooked", "hooked").put("version", "1.0.0").put("strict", false).putArray("commands").add("./commands/");
    source.command("hooked", "hello").write();
    Path author = temp.resolve("author").resolve("team-app");
    Marketplaces.project(author, source.root);
    assertThat(new Cli(author, temp.resolve("cache")).run("install", "hooked").exitCode()).isZero();

    clone = temp.resolve("teammate").resolve("team-app");
    for (String file : new String[] {"plugin-lock.json", ".claude/registries.json", ".claude/policies/plugins.yaml",
        ".claude/settings.json"}) {
      TestFiles.write(clone.resolve(file), TestFiles.read(author.resolve(file)));
    }
    Cli.Result install = new Cli(clone, temp.resolve("teammate-cache")).run("--json", "lock", "install");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(install.stdout()).contains("\"claudeSettingsWritten\": false");
  }

  private JsonNode settings() throws Exception {
    return Json.mapper().readTree(clone.resolve(".claude/settings.json").toFile());
  }

  @Test
  void theSettingsDeclareTheInstallFolderAsAProjectRelativeDirectoryMarketplace() throws Exception {
    assertThat(settings().at("/extraKnownMarketplaces/mp-team-app/source/source").asText()).isEqualTo("directory");
    assertThat(settings().at("/extraKnownMarketplaces/mp-team-app/source/path").asText()).isEqualTo("./.claude/plugins");
    assertThat(settings().at("/enabledPlugins/hooked@mp-team-app").asBoolean()).isTrue();
  }

  @Test
  void nonInteractiveCommandsNeedTheMarketplaceAddedAndThenInstallFromTheClone() throws Exception {
    byte[] before = Files.readAllBytes(clone.resolve(".claude/settings.json"));
    ClaudeCode claude = ClaudeCode.require(temp.resolve("home"));
    // Even in a folder the user trusts, as the interactive trust prompt records it.
    TestFiles.write(claude.configDir().resolve(".claude.json"),
        "{\"projects\": {" + Json.mapper().writeValueAsString(clone.toString()) + ": {\"hasTrustDialogAccepted\": true}}}");
    assertThat(claude.run(clone, "plugin", "details", "hooked@mp-team-app").exitCode())
        .as("a declaration in project settings is not read by `claude plugin` commands").isNotZero();
    assertThat(claude.run(clone, "plugin", "install", "hooked@mp-team-app").exitCode()).isNotZero();
    assertThat(claude.ok(clone, "plugin", "marketplace", "list").stdout()).doesNotContain("mp-team-app");
    assertThat(claude.ok(clone, "plugin", "list").stdout()).doesNotContain("hooked");

    claude.ok(clone, "plugin", "install", "hooked", "--marketplace", "./.claude/plugins", "--scope", "project");

    JsonNode hooked = Marketplaces.installed(Marketplaces.installed(claude, clone), "hooked@mp-team-app");
    assertThat(hooked.path("scope").asText()).isEqualTo("project");
    assertThat(hooked.path("enabled").asBoolean()).isTrue();
    assertThat(hooked.path("errors")).isEmpty();
    assertThat(hooked.path("readFromFolder").asText()).isEqualTo(clone.resolve(".claude/plugins/hooked").toString());
    // Claude Code rewrites the file in its own layout, but keeps mp's declaration as it was.
    assertThat(Json.mapper().readTree(before)).isEqualTo(settings());
    Cli.Result again = new Cli(clone, temp.resolve("teammate-cache")).run("--json", "lock", "install");
    assertThat(again.stdout()).as("nothing for mp to change after Claude Code's write")
        .contains("\"claudeSettingsWritten\": false");
  }

  @Test
  void addingTheMarketplaceInLocalScopeLeavesTheSharedSettingsAlone() throws Exception {
    byte[] before = Files.readAllBytes(clone.resolve(".claude/settings.json"));
    ClaudeCode claude = ClaudeCode.require(temp.resolve("home"));
    claude.ok(clone, "plugin", "marketplace", "add", "./.claude/plugins", "--scope", "local");

    assertThat(Marketplaces.inventory(claude.ok(clone, "plugin", "details", "hooked@mp-team-app")))
        .anySatisfy(line -> assertThat(line).startsWith("Skills (1)").contains("hello"));
    assertThat(Files.readAllBytes(clone.resolve(".claude/settings.json"))).isEqualTo(before);
    assertThat(clone.resolve(".claude/settings.local.json")).exists();
  }

  @Test
  void renamingTheMarketplaceRewritesTheDeclarationAndTheEnabledPlugins() throws Exception {
    TestFiles.write(clone.resolve(".claude/registries.json"), TestFiles.read(clone.resolve(".claude/registries.json"))
        .replace("\"registries\":", "\"defaults\": {\"marketplaceName\": \"team-tools\"}, \"registries\":"));
    Cli.Result result = new Cli(clone, temp.resolve("teammate-cache")).run("lock", "install");
    assertThat(result.exitCode()).as(result.toString()).isZero();

    assertThat(settings().path("extraKnownMarketplaces").has("mp-team-app")).isFalse();
    assertThat(settings().at("/extraKnownMarketplaces/team-tools/source/path").asText()).isEqualTo("./.claude/plugins");
    assertThat(settings().path("enabledPlugins").fieldNames()).toIterable().containsExactly("hooked@team-tools");
    ClaudeCode claude = ClaudeCode.require(temp.resolve("home"));
    claude.ok(clone, "plugin", "install", "hooked", "--marketplace", "./.claude/plugins", "--scope", "project");
    assertThat(Marketplaces.installed(Marketplaces.installed(claude, clone), "hooked@team-tools").path("enabled")
        .asBoolean()).isTrue();
  }
}
