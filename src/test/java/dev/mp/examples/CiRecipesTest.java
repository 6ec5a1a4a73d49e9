package dev.mp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.ErrorCode;
import dev.mp.io.JsonDocument;
import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CI recipes of {@code docs/ci.md} and the GitHub Action {@code action.yml} are valid YAML, get mp
 * through the wrapper (never by building it), and run the four CI commands. {@code ActionIT} runs the
 * action's scripts.
 */
class CiRecipesTest {
  private static List<String> yamlBlocks() {
    String doc = TestFiles.read(Path.of("docs/ci.md"));
    Matcher blocks = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<String> found = new ArrayList<>();
    while (blocks.find()) {
      found.add(blocks.group(1));
    }
    return found;
  }

  private static JsonNode yaml(String name, String text) {
    return JsonDocument.parseYaml(name, text.getBytes(StandardCharsets.UTF_8), ErrorCode.CONFIG_ERROR).root();
  }

  static JsonNode action() {
    return yaml("action.yml", TestFiles.read(Path.of("action.yml")));
  }

  @Test
  void noRecipeBuildsMp() {
    List<String> recipes = yamlBlocks();
    assertThat(recipes).hasSize(2);
    for (String recipe : recipes) {
      assertThat(yaml("recipe", recipe).isObject()).isTrue();
      assertThat(recipe).doesNotContain("git clone", "mvnw", "MP_REPO", "./mp ");
    }
  }

  @Test
  void theGitHubRecipeUsesTheAction() {
    JsonNode github = yaml("github", yamlBlocks().get(0));
    assertThat(github.at("/permissions/security-events").asText()).isEqualTo("write");
    assertThat(github.at("/permissions/pull-requests").asText()).isEqualTo("write");
    JsonNode steps = github.at("/jobs/plugins/steps");
    assertThat(steps.get(0).get("uses").asText()).startsWith("actions/checkout@");
    assertThat(steps.get(1).get("uses").asText()).matches("[\\w-]+/mp@v\\d+\\.\\d+\\.\\d+");
    assertThat(steps.get(1).at("/env/TEAM_TOKEN").asText()).isEqualTo("${{ secrets.TEAM_TOKEN }}");
  }

  @Test
  void theGitLabRecipeRunsTheFourCommandsThroughTheWrapper() {
    String gitlab = yamlBlocks().get(1);
    assertThat(yaml("gitlab", gitlab).at("/plugins:lock/script").size()).isEqualTo(2);
    assertThat(gitlab).contains("./mpw lock check", "./mpw lock install", "./mpw policy enforce --format sarif",
        "./mpw lock diff --git", "files: [plugin-lock.json, .mp/wrapper.properties]");
  }

  @Test
  void theActionIsACompositeThatRunsTheFourCommandsThroughTheWrapper() {
    JsonNode action = action();
    assertThat(action.at("/runs/using").asText()).isEqualTo("composite");
    JsonNode steps = action.at("/runs/steps");
    List<String> runs = new ArrayList<>();
    List<String> uses = new ArrayList<>();
    Set<String> ids = new TreeSet<>();
    for (JsonNode step : steps) {
      assertThat(step.has("name")).as(step.toString()).isTrue();
      if (step.has("id")) {
        assertThat(ids.add(step.get("id").asText())).as("unique step id " + step.get("id")).isTrue();
      }
      if (step.has("run")) {
        assertThat(step.get("shell").asText()).as(step.get("name").asText()).isEqualTo("bash");
        String script = step.get("run").asText();
        assertThat(script).as("no expression inside a script (injection): " + step.get("name").asText())
            .doesNotContain("${{");
        runs.add(script);
      } else {
        uses.add(step.get("uses").asText());
      }
    }
    String all = String.join("\n", runs);
    assertThat(all).contains("mp lock check", "mp lock install", "mp policy enforce --format sarif", "mp lock diff --git",
        "/mpw", "GITHUB_PATH");
    assertThat(uses).containsExactly("actions/setup-java@v4", "actions/cache@v4", "github/codeql-action/upload-sarif@v3");

    JsonNode setupJava = step(steps, "Set up Java");
    assertThat(setupJava.get("if").asText()).isEqualTo("steps.java.outputs.found != 'true'");
    assertThat(step(steps, "Upload the policy report to code scanning").at("/with/sarif_file").asText())
        .isEqualTo("${{ steps.enforce.outputs.sarif-file }}");
    assertThat(step(steps, "Comment the lockfile diff on the pull request").at("/env/GH_TOKEN").asText())
        .isEqualTo("${{ inputs.github-token }}");
  }

  /** Every {@code inputs.X} and {@code steps.Y} an expression names is declared. */
  @Test
  void theActionsExpressionsNameDeclaredInputsAndSteps() {
    JsonNode action = action();
    Set<String> inputs = new TreeSet<>();
    action.get("inputs").fieldNames().forEachRemaining(inputs::add);
    Set<String> ids = new TreeSet<>();
    action.at("/runs/steps").forEach(s -> {
      if (s.has("id")) {
        ids.add(s.get("id").asText());
      }
    });
    String text = TestFiles.read(Path.of("action.yml"));
    Matcher input = Pattern.compile("inputs\\.([a-z-]+)").matcher(text);
    while (input.find()) {
      assertThat(inputs).as("input `" + input.group(1) + "`").contains(input.group(1));
    }
    Matcher stepRef = Pattern.compile("steps\\.([a-z-]+)\\.").matcher(text);
    while (stepRef.find()) {
      assertThat(ids).as("step `" + stepRef.group(1) + "`").contains(stepRef.group(1));
    }
    for (String documented : inputs) {
      assertThat(TestFiles.read(Path.of("docs/ci.md"))).as("docs/ci.md documents input `" + documented + "`")
          .contains("`" + documented + "`");
    }
  }

  static JsonNode step(JsonNode steps, String name) {
    for (JsonNode step : steps) {
      if (step.get("name").asText().equals(name)) {
        return step;
      }
    }
    throw new AssertionError("no step `" + name + "`");
  }
}
