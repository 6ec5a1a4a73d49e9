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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The CI recipes of {@code docs/ci.md} are valid YAML and run the four CI commands. */
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

  @Test
  void eachRecipeParsesAndRunsTheCiCommands() {
    List<String> recipes = yamlBlocks();
    assertThat(recipes).hasSize(2);
    for (String recipe : recipes) {
      JsonNode root = JsonDocument.parseYaml("recipe", recipe.getBytes(StandardCharsets.UTF_8), ErrorCode.CONFIG_ERROR).root();
      assertThat(root.isObject()).isTrue();
      assertThat(recipe).contains("mp lock check", "mp lock install", "mp policy enforce --format sarif", "mp lock diff --git");
    }
    JsonNode github = JsonDocument.parseYaml("github", recipes.get(0).getBytes(StandardCharsets.UTF_8), ErrorCode.CONFIG_ERROR).root();
    assertThat(github.at("/permissions/security-events").asText()).isEqualTo("write");
    assertThat(github.at("/jobs/plugins/steps").size()).isGreaterThan(5);
  }
}
