package dev.mp.claude;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.io.Json;
import dev.mp.testing.ClaudeCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's own conformance corpus ({@code src/test/resources/conformance/}) says what the real
 * Claude Code CLI lists: the same names in the same order, the same plugin folders, and unsupported
 * exactly the sources it refuses. ConformanceTest then holds mp to the same expectations.
 */
class LocalCorpusTest {
  private static final Path CORPUS = Path.of("src", "test", "resources", "conformance").toAbsolutePath();

  @TempDir Path temp;

  @Test
  void theExpectationsAreWhatClaudeCodeLists() throws Exception {
    JsonNode expected = Json.mapper().readTree(CORPUS.resolve("expected-names.json").toFile());
    for (Map.Entry<String, JsonNode> marketplace : expected.properties()) {
      Path root = CORPUS.resolve("marketplaces").resolve(marketplace.getKey());
      ClaudeCode claude = ClaudeCode.require(temp.resolve(marketplace.getKey()));
      claude.ok(root, "plugin", "marketplace", "add", root.toString());
      JsonNode available = Json.mapper().readTree(claude.ok(root, "plugin", "list", "--available", "--json").stdout())
          .path("available");
      List<String> names = new ArrayList<>();
      available.forEach(plugin -> names.add(plugin.path("name").asText()));
      List<String> expectedNames = new ArrayList<>();
      marketplace.getValue().path("plugin_names").forEach(name -> expectedNames.add(name.asText()));
      assertThat(names).as("names of %s", marketplace.getKey()).isEqualTo(expectedNames);
      for (int i = 0; i < available.size(); i++) {
        JsonNode listed = available.get(i).path("source");
        JsonNode plugin = marketplace.getValue().path("plugins").get(i);
        String label = marketplace.getKey() + "/" + plugin.path("name").asText();
        if (plugin.has("unsupported")) {
          assertThat(listed.path("source").asText()).as(label).isEqualTo("unsupported");
        } else {
          assertThat(listed.isTextual()).as(label).isTrue();
          assertThat(root.resolve(listed.asText()).normalize())
              .as(label).isEqualTo(root.resolve(plugin.path("source_path").asText()).normalize());
        }
      }
    }
  }
}
