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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolution and installation end to end through the command line, over a real folder registry and a
 * real HTTP registry (an index with tar.gz packages behind a Bearer token on loopback): priorities,
 * conflicts under each strategy, the audit trail, transitive dependencies, each error, and the
 * installer's store and integrity checks.
 */
class FederationFlowTest {
  private static final String TOKEN = "s3cret-team-token-7f1e";

  @TempDir Path temp;
  private Path project;
  private Packages.Server server;
  private Cli cli;
  private String localAlpha;
  private final List<String> index = new ArrayList<>();

  @BeforeEach
  void registries() {
    project = temp.resolve("project");
    server = new Packages.Server();
    localAlpha = TreeHash.of(Packages.plugin(project.resolve("plugins/alpha"), "alpha", "1.0.0", "local copy"));
    Packages.plugin(project.resolve("plugins/solo"), "solo", "0.1.0");
    cli = new Cli(project, temp.resolve("cache")).env("TEAM_TOKEN", TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Adds a plugin package to the team registry: a real tar.gz served by the server, and its index entry. */
  private String publish(String name, String version, String dependencies, String... lines) {
    Path folder = Packages.plugin(temp.resolve("src/" + name + "-" + version), name, version, lines);
    byte[] archive = Packages.tgz(Packages.entriesOf(folder, "package/"));
    String path = "/packages/" + name + "-" + version + ".tgz";
    server.serve(path, archive);
    String integrity = TreeHash.of(folder);
    index.add("\"" + name + "\": {\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"description\": \"team " + name
        + "\", \"integrity\": \"" + integrity + "\", \"archiveIntegrity\": \"" + Integrity.of(archive, "sha512-x")
        + "\", \"resolved\": \"packages/" + name + "-" + version + ".tgz\", \"dependencies\": " + dependencies
        + ", \"trustScore\": 90}");
    return integrity;
  }

  private void configure(String strategy) {
    server.serve("/index.json", ("{\"version\": 1, \"plugins\": {" + String.join(",\n", index) + "}}")
        .getBytes(StandardCharsets.UTF_8));
    TestFiles.write(project.resolve(".claude/registries.json"), """
        {"registries": [
          {"name": "local", "url": "./plugins", "priority": 100, "policy": "open"},
          {"name": "team", "url": "%s", "priority": 75, "auth": "token:TEAM_TOKEN", "policy": "open"}
        ], "defaults": {"conflictResolution": "%s"}}
        """.formatted(server.url("/index.json"), strategy));
  }

  private JsonNode plugin(JsonNode resolution, String name) {
    for (JsonNode plugin : resolution.get("plugins")) {
      if (plugin.get("name").asText().equals(name)) {
        return plugin;
      }
    }
    throw new AssertionError("no plugin " + name + " in " + resolution);
  }

  @Test
  void resolvesTransitiveDependenciesAcrossAFolderAndAnHttpRegistry() {
    publish("gamma", "1.2.0", "[\"alpha@^1\", \"beta@~2.0\"]");
    publish("beta", "2.0.3", "[]");
    configure("highest-priority");
    Cli.Result result = cli.run("--json", "resolve", "gamma");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode json = result.json();
    assertThat(plugin(json, "gamma").get("registry").asText()).isEqualTo("team");
    assertThat(plugin(json, "alpha").get("registry").asText()).isEqualTo("local");
    assertThat(plugin(json, "alpha").get("requiredBy").get(0).asText()).isEqualTo("gamma");
    assertThat(plugin(json, "beta").get("version").asText()).isEqualTo("2.0.3");
    assertThat(plugin(json, "gamma").at("/policy/decision").asText()).isEqualTo("allowed");
    assertThat(server.authorization("/index.json")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void aConflictUnderHighestPriorityTakesTheHigherRegistryAndIsAudited() throws IOException {
    String teamAlpha = publish("alpha", "1.0.0", "[]", "team copy");
    configure("highest-priority");
    Cli.Result result = cli.run("resolve", "alpha");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).containsPattern("alpha +1.0.0 +local .* team");
    assertThat(result.stderr()).contains("warning: conflict: `alpha` has different content in `local` 1.0.0");
    String audit = Files.readString(project.resolve(".claude/federation-audit.jsonl"));
    assertThat(audit).contains("\"event\":\"conflict\"", "\"plugin\":\"alpha\"", localAlpha, teamAlpha,
        "\"strategy\":\"highest-priority\"", "\"outcome\":\"local\"", "\"how\":\"priority\"");
    assertThat(audit).doesNotContain(TOKEN);
  }

  @Test
  void identicalContentInTwoRegistriesIsNotAConflict() {
    Path same = temp.resolve("src/solo-same");
    TestFiles.copyTree(project.resolve("plugins/solo"), same);
    byte[] archive = Packages.tgz(Packages.entriesOf(same, "package/"));
    server.serve("/packages/solo.tgz", archive);
    index.add("\"solo\": {\"name\": \"solo\", \"version\": \"0.1.0\", \"integrity\": \"" + TreeHash.of(same)
        + "\", \"resolved\": \"packages/solo.tgz\"}");
    configure("error");
    Cli.Result result = cli.run("resolve", "solo");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderr()).doesNotContain("conflict");
  }

  @Test
  void theErrorStrategyFailsAndNamesTheWayOut() {
    publish("alpha", "1.0.0", "[]", "team copy");
    configure("error");
    Cli.Result result = cli.run("--json", "resolve", "alpha");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.json().at("/error/code").asText()).isEqualTo("UNRESOLVED_CONFLICT");
    assertThat(result.json().at("/error/hint").asText()).contains("--prefer alpha=");

    Cli.Result preferred = cli.run("--json", "resolve", "alpha", "--prefer", "alpha=team");
    assertThat(preferred.exitCode()).as(preferred.toString()).isZero();
    assertThat(plugin(preferred.json(), "alpha").get("registry").asText()).isEqualTo("team");
    assertThat(plugin(preferred.json(), "alpha").get("reason").asText()).isEqualTo("prefer");
  }

  @Test
  void thePromptAsksOnATerminalAndTheLockfileRemembersTheAnswer() throws IOException {
    publish("alpha", "1.0.0", "[]", "team copy");
    configure("prompt");
    Cli.Result refused = cli.run("install", "alpha");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).contains("--prefer alpha=");

    Cli.Result answered = new Cli(project, temp.resolve("cache")).env("TEAM_TOKEN", TOKEN).terminal("2\n")
        .run("install", "alpha");
    assertThat(answered.exitCode()).as(answered.toString()).isZero();
    assertThat(answered.stderr()).contains("1) local", "2) team");
    assertThat(Files.readString(project.resolve("plugin-lock.json"))).contains("\"source\": \"team\"");

    Cli.Result again = cli.run("install");
    assertThat(again.exitCode()).as("no terminal, yet no question: the lockfile answers\n" + again).isZero();
    assertThat(Files.readString(project.resolve(".claude/federation-audit.jsonl"))).contains("\"how\":\"prompt\"", "\"how\":\"lockfile\"");
  }

  @Test
  void installFetchesWithTheTokenOnceAndTheStoreServesTheNextInstall() throws IOException {
    publish("gamma", "1.2.0", "[\"alpha@^1\"]");
    configure("highest-priority");
    Cli.Result first = cli.run("install", "gamma");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(server.hits("/packages/gamma-1.2.0.tgz")).isEqualTo(1);
    assertThat(server.authorization("/packages/gamma-1.2.0.tgz")).isEqualTo("Bearer " + TOKEN);
    assertThat(project.resolve(".claude/plugins/gamma/commands/gamma.md")).exists();
    assertThat(project.resolve(".claude/plugins/alpha/commands/alpha.md")).exists();

    TestFiles.deleteTree(project.resolve(".claude/plugins"));
    Cli.Result again = cli.run("lock", "install");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(server.hits("/packages/gamma-1.2.0.tgz")).as("the package store answers").isEqualTo(1);
    assertThat(cli.run("lock", "check").exitCode()).isZero();
    assertNoSecretAnywhere(first, again);
  }

  @Test
  void aRegistryThatLiesAboutIntegrityGetsNothingInstalled() throws IOException {
    publish("gamma", "1.2.0", "[]");
    configure("highest-priority");
    assertThat(cli.run("install", "solo").exitCode()).isZero();
    byte[] lockBefore = Files.readAllBytes(project.resolve("plugin-lock.json"));
    index.set(0, index.get(0).replaceFirst("\"integrity\": \"sha512-[^\"]+\"",
        "\"integrity\": \"" + TreeHash.of(project.resolve("plugins/solo")) + "\""));
    configure("highest-priority");
    Cli.Result result = cli.run("registry", "sync");
    assertThat(result.exitCode()).isZero();
    Cli.Result lied = cli.run("install", "gamma");
    assertThat(lied.exitCode()).as(lied.toString()).isEqualTo(1);
    assertThat(lied.stderr()).contains("error:", "gamma");
    assertThat(project.resolve(".claude/plugins/gamma")).doesNotExist();
    assertThat(Files.readAllBytes(project.resolve("plugin-lock.json"))).isEqualTo(lockBefore);
  }

  @Test
  void eachResolutionErrorHasItsCodeAndNamesTheChain() {
    publish("gamma", "1.2.0", "[\"delta\"]");
    publish("cyc-a", "1.0.0", "[\"cyc-b\"]");
    publish("cyc-b", "1.0.0", "[\"cyc-a\"]");
    publish("needs-old", "1.0.0", "[\"alpha@^0.9\"]");
    configure("highest-priority");
    Cli.Result missing = cli.run("--json", "resolve", "gama");
    assertThat(missing.exitCode()).isEqualTo(3);
    assertThat(missing.json().at("/error/code").asText()).isEqualTo("PLUGIN_NOT_FOUND");
    assertThat(missing.json().at("/error/hint").asText()).contains("gamma");

    Cli.Result dependency = cli.run("--json", "resolve", "gamma");
    assertThat(dependency.exitCode()).isEqualTo(1);
    assertThat(dependency.json().at("/error/code").asText()).isEqualTo("DEPENDENCY_ERROR");
    assertThat(dependency.json().at("/error/message").asText()).contains("gamma", "delta");

    Cli.Result cycle = cli.run("--json", "resolve", "cyc-a");
    assertThat(cycle.exitCode()).isEqualTo(1);
    assertThat(cycle.json().at("/error/message").asText()).contains("cyc-a", "cyc-b");

    Cli.Result unsatisfiable = cli.run("--json", "resolve", "needs-old");
    assertThat(unsatisfiable.exitCode()).isEqualTo(1);
    assertThat(unsatisfiable.json().at("/error/message").asText()).contains("needs-old", "alpha");

    Cli.Result badRange = cli.run("resolve", "alpha@^^1");
    assertThat(badRange.exitCode()).isEqualTo(2);
  }

  @Test
  void explainShowsTheRegistriesConsultedTheWinnerAndThePolicy() {
    publish("alpha", "1.0.0", "[]", "team copy");
    configure("highest-priority");
    Cli.Result result = cli.run("resolve", "alpha", "--explain");
    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("Registries, in the order consulted:", "1. local (priority 100)",
        "2. team (priority 75)", "winner: local (priority)", "conflict: different content in 2 registries",
        "policy: allowed by rule 2 (allow)", "rule 1 (deny) skipped (pattern)");
  }

  private void assertNoSecretAnywhere(Cli.Result... results) throws IOException {
    for (Cli.Result result : results) {
      assertThat(result.stdout() + result.stderr()).doesNotContain(TOKEN);
    }
    for (Path root : List.of(project, temp.resolve("cache"))) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
              .doesNotContain(TOKEN);
        }
      }
    }
  }
}
