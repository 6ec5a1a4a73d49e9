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
    JsonNode plugin = json(Path.of("claude-plugin/.claude-plugin/plugin.json"));
    List<String> ours = new ArrayList<>();
    plugin.properties().forEach(e -> ours.add(e.getKey() + ":" + e.getValue().getNodeType()));
    assertThat(seen).containsAll(ours);
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
