package dev.mp.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.install.Packages;
import dev.mp.integrity.Integrity;
import dev.mp.integrity.TreeHash;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What plugins can do, end to end through the command line: real plugins with hooks, MCP servers and
 * binaries in a folder registry and as tar.gz packages of an HTTP index; their capabilities in the
 * lockfile, {@code list --capabilities}, {@code resolve --explain}, {@code lock diff}; and rules on
 * capabilities, at resolution and — for a package whose registry declared nothing — on the fetched
 * files before the swap.
 */
class CapabilitiesFlowTest {
  @TempDir Path temp;
  private Path project;
  private Packages.Server server;
  private Cli cli;
  private final List<String> index = new ArrayList<>();

  @BeforeEach
  void registries() {
    project = temp.resolve("project");
    server = new Packages.Server();
    hooked(project.resolve("plugins/hooked"), "hooked", "1.0.0");
    Packages.plugin(project.resolve("plugins/plain"), "plain", "1.0.0");
    cli = new Cli(project, temp.resolve("cache"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A plugin with a SessionStart hook, an MCP server reaching a host, and a binary. */
  static Path hooked(Path folder, String name, String version) {
    Packages.plugin(folder, name, version);
    TestFiles.write(folder.resolve("hooks/hooks.json"), "{\"hooks\": {\"SessionStart\": [{\"hooks\": [{\"type\":"
        + " \"command\", \"command\": \"${CLAUDE_PLUGIN_ROOT}/bin/" + name + "\"}]}]}}");
    TestFiles.write(folder.resolve(".mcp.json"), "{\"mcpServers\": {\"tickets\": {\"type\": \"http\","
        + " \"url\": \"https://tickets.example.com/mcp\"}}}");
    TestFiles.write(folder.resolve("bin/" + name), "#!/bin/sh\necho " + name + "\n");
    return folder;
  }

  /** Publishes a tar.gz of {@code folder} in the team index (which says nothing about capabilities). */
  private void publish(String name, String version, Path folder) {
    byte[] archive = Packages.tgz(Packages.entriesOf(folder, "package/"));
    String path = "/packages/" + name + "-" + version + ".tgz";
    server.serve(path, archive);
    index.removeIf(e -> e.startsWith("\"" + name + "\""));
    index.add("\"" + name + "\": {\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"integrity\": \""
        + TreeHash.of(folder) + "\", \"archiveIntegrity\": \"" + Integrity.of(archive, "sha512-x")
        + "\", \"resolved\": \"packages/" + name + "-" + version + ".tgz\"}");
    server.serve("/index.json", ("{\"version\": 1, \"plugins\": {" + String.join(",\n", index) + "}}")
        .getBytes(StandardCharsets.UTF_8));
  }

  private void configure(String policy) {
    TestFiles.write(project.resolve(".claude/registries.json"), """
        {"registries": [
          {"name": "local", "url": "./plugins", "priority": 100, "policy": "open"},
          {"name": "team", "url": "%s", "priority": 75, "policy": "open"}
        ], "defaults": {"cacheTTL": 0}}
        """.formatted(server.url("/index.json")));
    TestFiles.write(project.resolve(".claude/policies/plugins.yaml"), policy);
  }

  private JsonNode lockfile() throws IOException {
    return dev.mp.io.Json.readTree(Files.readAllBytes(project.resolve("plugin-lock.json")));
  }

  @Test
  void capabilitiesOfFoldersAndTarballsAreRecordedAndShown() throws IOException {
    publish("remote-tool", "1.0.0", hooked(temp.resolve("src/remote-tool"), "remote-tool", "1.0.0"));
    configure("rules: []\n");

    Cli.Result installed = cli.run("install", "hooked", "plain", "remote-tool");
    assertThat(installed.exitCode()).as(installed.toString()).isZero();

    JsonNode lock = lockfile();
    // Keys sorted, like every object of the lockfile.
    assertThat(lock.at("/plugins/hooked/capabilities").toString()).isEqualTo("{\"binaries\":[\"hooked\"],"
        + "\"commands\":[\"hooked\"],\"hooks\":[\"SessionStart\"],\"mcp-servers\":[\"tickets\"],"
        + "\"network\":[\"tickets.example.com\"]}");
    assertThat(lock.at("/plugins/remote-tool/capabilities/hooks").toString()).isEqualTo("[\"SessionStart\"]");
    assertThat(lock.at("/plugins/plain/capabilities").toString()).isEqualTo("{\"commands\":[\"plain\"]}");

    Cli.Result list = cli.run("list", "--capabilities");
    assertThat(list.stdout()).contains("CAPABILITIES")
        .containsPattern("hooked .*hooks \\(SessionStart\\), mcp-servers \\(tickets\\), binaries \\(hooked\\),"
            + " commands \\(hooked\\), network \\(tickets.example.com\\)")
        .containsPattern("plain .*commands \\(plain\\)");
    assertThat(cli.run("--json", "list", "--capabilities").json().at("/plugins/1/capabilities/commands/0").asText())
        .isEqualTo("plain");

    Cli.Result explained = cli.run("resolve", "hooked", "remote-tool", "--explain");
    assertThat(explained.stdout()).contains("Capabilities, as known before fetching",
        "  hooked: hooks (SessionStart), mcp-servers (tickets), binaries (hooked), commands (hooked), network (tickets.example.com)",
        "  remote-tool: unknown until its files are fetched (its registry declares nothing)");
    assertThat(cli.run("lock", "check").exitCode()).isZero();
  }

  @Test
  void aPluginGainingHooksBetweenTwoLockfilesShowsInLockDiff() throws IOException {
    Path v1 = Packages.plugin(temp.resolve("src/tool-1.0.0"), "tool", "1.0.0");
    publish("tool", "1.0.0", v1);
    configure("rules: []\n");
    assertThat(cli.run("install", "tool@1.0.0").exitCode()).isZero();
    Files.copy(project.resolve("plugin-lock.json"), temp.resolve("base-lock.json"));

    publish("tool", "1.1.0", hooked(temp.resolve("src/tool-1.1.0"), "tool", "1.1.0"));
    Cli.Result upgraded = cli.run("install", "tool@1.1.0");
    assertThat(upgraded.exitCode()).as(upgraded.toString()).isZero();

    Cli.Result diff = cli.run("lock", "diff", "--against", temp.resolve("base-lock.json").toString());
    assertThat(diff.stdout()).contains("### Updated\n\n- `tool`: 1.0.0 → 1.1.0",
        "### Capabilities Changed\n\n- `tool` 1.1.0: gains hooks: SessionStart; gains mcp-servers: tickets;"
            + " gains binaries: tool; gains network: tickets.example.com\n", "1 plugin(s) affected");
    JsonNode json = cli.run("--json", "lock", "diff", "--against", temp.resolve("base-lock.json").toString()).json();
    assertThat(json.at("/capabilitiesChanged/0/gained/hooks/0").asText()).isEqualTo("SessionStart");
  }

  @Test
  void aRuleOnCapabilitiesDeniesALocalPluginAtResolution() throws IOException {
    configure("""
        rules:
          - action: deny
            plugins: ["*"]
            capabilities: [hooks, mcp-servers]
            reason: "Plugins that run code need a review"
        """);

    Cli.Result resolved = cli.run("resolve", "hooked", "plain");
    assertThat(resolved.exitCode()).isEqualTo(1);
    assertThat(resolved.stderr()).contains("denied: `hooked` 1.0.0 from `local`: rule 1 (deny): Plugins that run code need a review");

    Cli.Result check = cli.run("policy", "check", "hooked", "--explain");
    assertThat(check.stdout()).contains("capabilities: hooks (SessionStart)",
        "rule 1 (deny) matched: `*` matches `hooked`, which has hooks (SessionStart)");

    Cli.Result install = cli.run("install", "hooked");
    assertThat(install.exitCode()).isEqualTo(1);
    assertThat(install.stderr()).contains("the policy denies `hooked`");
    assertThat(project.resolve(".claude/plugins/hooked")).doesNotExist();
    assertThat(cli.run("install", "plain").exitCode()).isZero();
  }

  @Test
  void aPackageWithHooksItsRegistryNeverDeclaredIsDeniedBeforeTheSwap() throws IOException {
    publish("sneaky", "1.0.0", hooked(temp.resolve("src/sneaky"), "sneaky", "1.0.0"));
    configure("""
        rules:
          - action: deny
            plugins: ["*"]
            source: team
            capabilities: [hooks]
            reason: "No hooks from the team registry"
        """);
    assertThat(cli.run("install", "plain").exitCode()).isZero();
    byte[] lockBefore = Files.readAllBytes(project.resolve("plugin-lock.json"));

    Cli.Result resolved = cli.run("--json", "resolve", "sneaky", "--explain");
    assertThat(resolved.exitCode()).as("the index declares nothing: allowed so far\n" + resolved).isZero();
    assertThat(resolved.json().at("/plugins/0/capabilities").isNull()).isTrue();

    Cli.Result install = cli.run("install", "sneaky");
    assertThat(install.exitCode()).as(install.toString()).isEqualTo(1);
    assertThat(install.stderr()).contains("the policy denies `sneaky` 1.0.0 from `team`: rule 1 (deny): No hooks from the team"
        + " registry", "its fetched files", "nothing was installed");
    assertThat(project.resolve(".claude/plugins/sneaky")).doesNotExist();
    assertThat(Files.readAllBytes(project.resolve("plugin-lock.json"))).isEqualTo(lockBefore);
    assertThat(Files.readString(project.resolve(".claude/federation-audit.jsonl")))
        .contains("\"event\":\"policy-denied\"", "\"plugin\":\"sneaky\"");
  }
}
