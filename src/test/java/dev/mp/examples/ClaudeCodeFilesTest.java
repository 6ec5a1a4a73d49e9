package dev.mp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.ErrorCode;
import dev.mp.io.JsonDocument;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Claude Code plugin in {@code claude-plugin/} and the repository's own {@code marketplace.json}
 * have the shapes real marketplaces have (checked against every file of the conformance corpus), and
 * mp itself reads the repository as a marketplace offering the plugin {@code mp}.
 */
class ClaudeCodeFilesTest {
  private static final Path CORPUS = Path.of("../shared/conformance/marketplaces");

  @TempDir Path temp;

  private static JsonNode json(Path file) throws IOException {
    return JsonDocument.parseJson(file.toString(), Files.readAllBytes(file), ErrorCode.CONFIG_ERROR).root();
  }

  /** The field → JSON type pairs a document's top level and its plugin entries use. */
  private static Set<String> shape(JsonNode marketplace) {
    Set<String> shape = new java.util.TreeSet<>();
    marketplace.properties().forEach(e -> shape.add(e.getKey() + ":" + e.getValue().getNodeType()));
    for (JsonNode plugin : marketplace.path("plugins")) {
      plugin.properties().forEach(e -> shape.add("plugins[]." + e.getKey() + ":" + e.getValue().getNodeType()));
    }
    marketplace.path("owner").properties().forEach(e -> shape.add("owner." + e.getKey() + ":" + e.getValue().getNodeType()));
    marketplace.path("metadata").properties().forEach(e -> shape.add("metadata." + e.getKey() + ":" + e.getValue().getNodeType()));
    return shape;
  }

  @Test
  void theMarketplaceUsesOnlyFieldsAndTypesRealMarketplacesUse() throws IOException {
    assertThat(CORPUS).as("the conformance corpus beside the repository").isDirectory();
    Set<String> seen = new java.util.TreeSet<>();
    try (Stream<Path> files = Files.walk(CORPUS)) {
      for (Path file : (Iterable<Path>) files.filter(p -> p.endsWith(".claude-plugin/marketplace.json"))::iterator) {
        seen.addAll(shape(json(file)));
      }
    }
    JsonNode ours = json(Path.of(".claude-plugin/marketplace.json"));
    assertThat(seen).containsAll(shape(ours));
    for (String required : List.of("name:STRING", "owner:OBJECT", "owner.name:STRING", "plugins:ARRAY",
        "plugins[].name:STRING", "plugins[].source:STRING")) {
      assertThat(shape(ours)).contains(required);
    }
  }

  @Test
  void thePluginManifestUsesOnlyFieldsRealPluginsUse() throws IOException {
    Set<String> seen = new java.util.TreeSet<>();
    try (Stream<Path> files = Files.walk(CORPUS)) {
      for (Path file : (Iterable<Path>) files.filter(p -> p.endsWith(".claude-plugin/plugin.json"))::iterator) {
        try {
          json(file).properties().forEach(e -> seen.add(e.getKey() + ":" + e.getValue().getNodeType()));
        } catch (RuntimeException invalid) {
          // The corpus keeps invalid files on purpose; they say nothing about valid shapes.
        }
      }
    }
    // `network` is newer than the corpus: Claude Code 2.1.332 documents it ({"hosts": [...]}) and
    // `claude plugin validate` lists the hosts (ClaudePluginIT checks that).
    seen.add("network:OBJECT");
    JsonNode plugin = json(Path.of("claude-plugin/.claude-plugin/plugin.json"));
    List<String> ours = new ArrayList<>();
    plugin.properties().forEach(e -> ours.add(e.getKey() + ":" + e.getValue().getNodeType()));
    assertThat(seen).containsAll(ours);
    assertThat(plugin.at("/network/hosts").isArray()).isTrue();
    assertThat(plugin.get("name").asText()).isEqualTo("mp");
  }

  @Test
  void theSlashCommandsAndTheSkillHaveFrontMatterThatRunsTheCli() {
    for (String command : List.of("registry", "policy", "lock")) {
      String text = TestFiles.read(Path.of("claude-plugin/commands/" + command + ".md"));
      assertThat(text).startsWith("---\n").contains("\ndescription: ", "\nargument-hint: ", "$ARGUMENTS",
          "`mp " + command + " $ARGUMENTS`", "allowed-tools: Bash(mp " + command + ":*)");
    }
    String skill = TestFiles.read(Path.of("claude-plugin/skills/federation/SKILL.md"));
    assertThat(skill).startsWith("---\nname: federation\ndescription: ");
  }

  /**
   * The plugin brings its CLI through the same wrapper as projects use: the same script, the same pin
   * (the repository's own .mp/wrapper.properties, which the GitHub Action uses), for the version the
   * plugin and the build carry. bin/mp and the hook are executable.
   */
  @Test
  void thePluginCarriesTheRepositoryWrapperAndPin() throws IOException {
    assertThat(Files.readAllBytes(Path.of("claude-plugin/mpw"))).isEqualTo(Files.readAllBytes(Path.of("mpw")));
    String pin = TestFiles.read(Path.of(".mp/wrapper.properties"));
    assertThat(TestFiles.read(Path.of("claude-plugin/.mp/wrapper.properties"))).isEqualTo(pin);
    dev.mp.wrapper.WrapperProperties properties = dev.mp.wrapper.WrapperProperties.parse(".mp/wrapper.properties", pin);
    assertThat(properties.version()).isEqualTo(dev.mp.Version.current())
        .isEqualTo(json(Path.of("claude-plugin/.claude-plugin/plugin.json")).get("version").asText());
    assertThat(properties.repositoryUrl()).isEqualTo(dev.mp.wrapper.WrapperProperties.CENTRAL);
    for (String executable : List.of("mpw", "claude-plugin/mpw", "claude-plugin/bin/mp", "claude-plugin/hooks/lock-drift")) {
      assertThat(Path.of(executable)).isExecutable();
    }
    JsonNode hooks = json(Path.of("claude-plugin/hooks/hooks.json"));
    assertThat(hooks.at("/hooks/SessionStart/0/hooks/0/command").asText())
        .isEqualTo("\"${CLAUDE_PLUGIN_ROOT}/hooks/lock-drift\"");
  }

  @Test
  void mpReadsTheRepositoryAsAMarketplaceOfferingItsPlugin() {
    TestFiles.write(temp.resolve(".claude/registries.json"),
        "{\"registries\": [{\"name\": \"mp-repo\", \"url\": \"" + Path.of("").toAbsolutePath() + "\"}]}");
    Cli.Result result = new Cli(temp, temp.resolve("cache")).run("--json", "resolve", "mp");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode plugin = result.json().at("/plugins/0");
    assertThat(plugin.get("name").asText()).isEqualTo("mp");
    assertThat(plugin.get("version").asText()).isEqualTo("0.1.0");
    assertThat(plugin.get("sourceKind").asText()).isEqualTo("folder");
    assertThat(result.stderr()).doesNotContain("mp-repo", "marketplace", "unavailable");
  }
}
