package dev.mp.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.Version;
import dev.mp.io.CanonicalJson;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SARIF 2.1.0 log of `mp policy enforce --format sarif`, as code scanning reads it. */
class EnforceSarifTest {
  private static final Path FIXTURE = Path.of("src/test/resources/cli/policy/enforce-violations/in");

  @TempDir Path temp;

  private Cli.Result run(Path project) {
    return new Cli(project, temp.resolve("cache")).run("policy", "enforce", "--format", "sarif");
  }

  private Path project() {
    Path project = temp.resolve("project");
    TestFiles.copyTree(FIXTURE, project);
    return project;
  }

  @Test
  void isValidAgainstTheOfficialSarif210Schema() {
    assertThat(dev.mp.testing.JsonSchemas.sarif(run(project()).json())).isEmpty();
  }

  @Test
  void hasTheShapeOfSarif210WithOneRunByMp() {
    Cli.Result result = run(project());
    assertThat(result.exitCode()).isEqualTo(1);
    JsonNode log = result.json();
    assertThat(log.get("$schema").asText()).endsWith("sarif-schema-2.1.0.json");
    assertThat(log.get("version").asText()).isEqualTo("2.1.0");
    assertThat(log.get("runs")).hasSize(1);
    JsonNode driver = log.at("/runs/0/tool/driver");
    assertThat(driver.get("name").asText()).isEqualTo("mp");
    assertThat(driver.get("version").asText()).isEqualTo(Version.current());
    assertThat(driver.get("informationUri").asText()).startsWith("https://");
    List<String> ids = new ArrayList<>();
    driver.get("rules").forEach(rule -> {
      ids.add(rule.get("id").asText());
      assertThat(rule.at("/shortDescription/text").asText()).isNotBlank();
      assertThat(rule.at("/defaultConfiguration/level").asText()).isIn("none", "note", "warning", "error");
    });
    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    assertThat(ids).startsWith("rule-1", "rule-2", "rule-3", "rule-4", "rule-5", "rule-6")
        .contains("mode-enforce", "mode-allow-listed", "unknown-registry", "unlocked-plugin", "unmet-requirement");
    assertThat(log.fieldNames()).toIterable().containsExactly("$schema", "version", "runs");
  }

  @Test
  void placesEachViolationOnTheLineOfItsPluginInTheLockfile() throws Exception {
    Path project = project();
    List<String> lockLines = Files.readAllLines(project.resolve("plugin-lock.json"));
    JsonNode log = run(project).json();
    JsonNode rules = log.at("/runs/0/tool/driver/rules");
    Set<String> errors = new HashSet<>();
    for (JsonNode result : log.at("/runs/0/results")) {
      String id = result.get("ruleId").asText();
      assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(id);
      assertThat(result.at("/message/text").asText()).isNotBlank();
      JsonNode location = result.at("/locations/0/physicalLocation");
      assertThat(location.at("/artifactLocation/uri").asText()).isEqualTo("plugin-lock.json");
      int line = location.at("/region/startLine").asInt();
      String text = result.at("/message/text").asText();
      String plugin = text.substring(1, text.indexOf('`', 1));
      if (id.equals("unlocked-plugin")) {
        assertThat(lockLines.get(line - 1)).isEqualTo("  \"plugins\": {");
      } else {
        assertThat(lockLines.get(line - 1)).isEqualTo("    \"" + plugin + "\": {");
      }
      if (result.get("level").asText().equals("error")) {
        errors.add(plugin + " " + id);
      } else {
        assertThat(result.get("level").asText()).isEqualTo("note");
        assertThat(id).isEqualTo("not-installed");
      }
    }
    assertThat(errors).containsExactlyInAnyOrder(
        "evil-backdoor rule-1", "gamma rule-2", "stray unlocked-plugin", "widget rule-4");
  }

  @Test
  void anUnmetRequirementPointsAtTheRequireRuleInThePolicyFile() {
    Path project = project();
    TestFiles.write(project.resolve(".claude/policies/plugins.yaml"),
        "# policy\nrules:\n  - action: require\n    plugins: [\"missing-*\"]\n");
    JsonNode results = run(project).json().at("/runs/0/results");
    JsonNode unmet = null;
    for (JsonNode result : results) {
      if (result.get("ruleId").asText().equals("unmet-requirement")) {
        unmet = result;
      }
    }
    assertThat(unmet).isNotNull();
    assertThat(unmet.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo(".claude/policies/plugins.yaml");
    assertThat(unmet.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
  }

  @Test
  void theSameProjectGivesTheSameBytes() {
    Path project = project();
    String first = run(project).stdout();
    String second = run(project).stdout();
    assertThat(second).isEqualTo(first);
    assertThat(first).endsWith("}\n").doesNotContain("\r");
    assertThat(CanonicalJson.toString(new Cli.Result(0, first, "").json(), false)).isEqualTo(first);
  }
}
