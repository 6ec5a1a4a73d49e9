package dev.mp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.install.Packages;
import dev.mp.testing.ClaudeCode;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mp policy export --claude-managed-settings}, deployed as the managed settings of the real Claude
 * Code CLI: Claude Code then refuses the marketplaces and plugins mp's policy refuses, and still loads
 * mp's installed marketplace.
 */
class ClaudeManagedSettingsCliTest {
  @TempDir Path temp;
  private Packages.Server server;
  private Path project;
  private Cli cli;

  @BeforeEach
  void project() {
    server = new Packages.Server();
    serveMarketplace("vendor", "vendor-market", "good", "evil");
    serveMarketplace("shady", "shady-market", "anything");
    project = temp.resolve("project");
    Packages.plugin(project.resolve("plugins/helper"), "helper", "1.0.0");
    TestFiles.write(project.resolve(".claude/registries.json"), """
        {"registries": [
          {"name": "local", "url": "./plugins", "priority": 100, "policy": "open"},
          {"name": "vendor", "url": "%s", "priority": 50, "policy": "open"},
          {"name": "shady", "url": "%s", "priority": 10, "policy": "open"}
        ]}
        """.formatted(vendorUrl(), server.url("/shady/.claude-plugin/marketplace.json")));
    TestFiles.write(project.resolve(".claude/policies/plugins.yaml"), """
        rules:
          - action: deny
            plugins: ["evil"]
            source: vendor
            reason: "Known bad"
          - action: deny
            plugins: ["*"]
            source: shady
            reason: "Not a registry we trust"
        """);
    cli = new Cli(project, temp.resolve("cache"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String vendorUrl() {
    return server.url("/vendor/.claude-plugin/marketplace.json");
  }

  private void serveMarketplace(String path, String name, String... plugins) {
    StringBuilder entries = new StringBuilder();
    for (String plugin : plugins) {
      entries.append(entries.length() == 0 ? "" : ", ").append("{\"name\": \"").append(plugin)
          .append("\", \"source\": \"./plugins/").append(plugin).append("\", \"version\": \"1.0.0\"}");
    }
    server.serve("/" + path + "/.claude-plugin/marketplace.json", ("{\"name\": \"" + name + "\", \"owner\": {\"name\":"
        + " \"o\"}, \"plugins\": [" + entries + "]}").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theExportedFragmentListsAllowedAndBlockedMarketplacesAndDeniedPlugins() {
    assertThat(cli.run("registry", "sync").exitCode()).isZero();
    Cli.Result export = cli.run("policy", "export", "--claude-managed-settings");
    assertThat(export.exitCode()).as(export.toString()).isZero();

    JsonNode settings = export.json();
    assertThat(settings.toString()).isEqualTo("{\"strictKnownMarketplaces\":[{\"source\":\"url\",\"url\":\"" + vendorUrl()
        + "\"},{\"source\":\"pathPattern\",\"pathPattern\":\"(^|/)\\\\.claude/plugins/?$\"}],"
        + "\"blockedMarketplaces\":[{\"source\":\"url\",\"url\":\"" + server.url("/shady/.claude-plugin/marketplace.json")
        + "\"}],\"enabledPlugins\":{\"evil@vendor-market\":false}}");
    assertThat(export.stderr()).contains("registry `local` is a local folder or file");
    assertThat(cli.run("policy", "export").exitCode()).as("a target is required").isEqualTo(2);
  }

  @Test
  void claudeCodeEnforcesTheExportedFragment() throws java.io.IOException {
    assertThat(cli.run("install", "helper").exitCode()).isZero();
    assertThat(cli.run("policy", "export", "--claude-managed-settings", "--output", "managed.json").exitCode()).isZero();
    Path other = temp.resolve("other");
    TestFiles.write(other.resolve(".claude-plugin/marketplace.json"), "{\"name\": \"other-market\", \"owner\":"
        + " {\"name\": \"o\"}, \"plugins\": []}");
    Path installed = project.resolve(".claude/plugins");
    String mpMarketplace = dev.mp.io.Json.readTree(TestFiles.read(installed.resolve(".claude-plugin/marketplace.json"))
        .getBytes(StandardCharsets.UTF_8)).get("name").asText();

    ClaudeCode unmanaged = ClaudeCode.require(temp.resolve("free"));
    assertThat(unmanaged.run(temp, "plugin", "marketplace", "add", other.toString()).exitCode())
        .as("without the fragment Claude Code adds any marketplace").isZero();

    ClaudeCode claude = ClaudeCode.require(temp.resolve("managed")).withManagedSettings(project.resolve("managed.json"));
    ClaudeCode.Result unknown = claude.run(temp, "plugin", "marketplace", "add", other.toString());
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.output()).contains("is blocked by enterprise policy");
    ClaudeCode.Result shady = claude.run(temp, "plugin", "marketplace", "add",
        server.url("/shady/.claude-plugin/marketplace.json"));
    assertThat(shady.exitCode()).isNotZero();
    assertThat(shady.output()).contains("blocked by enterprise policy");

    claude.ok(temp, "plugin", "marketplace", "add", vendorUrl());
    ClaudeCode.Result evil = claude.run(temp, "plugin", "install", "evil@vendor-market");
    assertThat(evil.exitCode()).isNotZero();
    assertThat(evil.output()).contains("blocked by your organization's policy");

    claude.ok(temp, "plugin", "marketplace", "add", installed.toString());
    claude.ok(temp, "plugin", "install", "helper@" + mpMarketplace);
    assertThat(claude.ok(temp, "plugin", "list").stdout()).contains("helper@" + mpMarketplace);
  }
}
