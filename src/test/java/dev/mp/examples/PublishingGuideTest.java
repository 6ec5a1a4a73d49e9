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

/**
 * docs/publishing.md: its three commands are the ones {@code PublishingNginxTest} runs, and its
 * GitHub Actions job is valid YAML that builds and signs on a tag with the key from a secret.
 */
class PublishingGuideTest {
  private static final String GUIDE = TestFiles.read(Path.of("docs/publishing.md"));

  private static List<String> blocks(String language) {
    Matcher blocks = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(GUIDE);
    List<String> found = new ArrayList<>();
    while (blocks.find()) {
      found.add(blocks.group(1));
    }
    return found;
  }

  @Test
  void theThreeCommandsAreKeygenBuildWithTheKeyAndAddWithThePublicKey() {
    List<String> commands = blocks("sh").get(0).lines().map(line -> line.replaceAll("\\s+#.*$", "")).toList();

    assertThat(commands).containsExactly(
        "mp registry keygen registry.key",
        "mp registry build plugins/* --out site --key registry.key --expires 30d",
        "mp registry add team https://plugins.team.dev/index.json --key ed25519:…");
  }

  @Test
  void theGitHubActionsJobBuildsAndSignsOnATagWithTheKeyFromASecret() {
    List<String> recipes = blocks("yaml");
    assertThat(recipes).hasSize(1);
    String recipe = recipes.get(0);
    JsonNode job = JsonDocument.parseYaml("recipe", recipe.getBytes(StandardCharsets.UTF_8), ErrorCode.CONFIG_ERROR).root();

    assertThat(job.at("/on/push/tags/0").asText()).isEqualTo("v*");
    assertThat(job.at("/permissions/contents").asText()).isEqualTo("write");
    assertThat(recipe).contains("${{ secrets.MP_SIGNING_KEY }}", "umask 077", "mp registry build plugins/* --out site",
        "--key \"$RUNNER_TEMP/registry.key\" --expires 30d", "rm -f \"$RUNNER_TEMP/registry.key\"");
    assertThat(job.at("/jobs/publish/steps").size()).isGreaterThan(5);
  }
}
