package dev.mp.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlCacheTest {
  @TempDir Path cache;

  private static final String POLICY = """
      rules:
        - action: deny
          plugins: ["*-99*"]
          reason: "blocked"
        - action: allow
          plugins: ["*"]
          unless:
            trust_score: ">= 20"
          versions: 1.5
          weight: 3
      """;

  private List<Path> cached() throws Exception {
    Path folder = cache.resolve("yaml-v1");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }

  @Test
  void aDocumentReadFromTheCacheHasTheSameValuesAndPositions() throws Exception {
    byte[] bytes = POLICY.getBytes(StandardCharsets.UTF_8);
    JsonDocument parsed = JsonDocument.parseYamlCached("plugins.yaml", bytes, ErrorCode.POLICY_CONFIG_ERROR, cache);
    assertThat(cached()).hasSize(1);
    JsonDocument again = JsonDocument.parseYamlCached("plugins.yaml", bytes, ErrorCode.POLICY_CONFIG_ERROR, cache);

    assertThat(again.root()).isEqualTo(parsed.root()).isEqualTo(JsonDocument.parseYaml("plugins.yaml", bytes,
        ErrorCode.POLICY_CONFIG_ERROR).root());
    for (String pointer : List.of("", "/rules", "/rules/1/unless/trust_score", "/rules/1/versions", "/rules/1/weight")) {
      MpException fresh = parsed.error(pointer, "bad", "hint");
      assertThat(again.error(pointer, "bad", "hint").getMessage()).as(pointer).isEqualTo(fresh.getMessage());
    }
    assertThat(parsed.error("/rules/1/weight", "bad", "hint").getMessage()).startsWith("plugins.yaml:10:");
  }

  @Test
  void aDamagedCacheFileIsAMissAndAnEditedFileIsParsedAgain() throws Exception {
    byte[] bytes = POLICY.getBytes(StandardCharsets.UTF_8);
    JsonDocument.parseYamlCached("plugins.yaml", bytes, ErrorCode.POLICY_CONFIG_ERROR, cache);
    Files.writeString(cached().get(0), "{\"root\": ");
    assertThat(JsonDocument.parseYamlCached("plugins.yaml", bytes, ErrorCode.POLICY_CONFIG_ERROR, cache).root())
        .isEqualTo(JsonDocument.parseYaml("plugins.yaml", bytes, ErrorCode.POLICY_CONFIG_ERROR).root());

    byte[] edited = POLICY.replace("blocked", "edited").getBytes(StandardCharsets.UTF_8);
    assertThat(JsonDocument.parseYamlCached("plugins.yaml", edited, ErrorCode.POLICY_CONFIG_ERROR, cache)
        .root().at("/rules/0/reason").asText()).isEqualTo("edited");
  }

  @Test
  void malformedYamlIsTheSameErrorAndNothingIsCached() throws Exception {
    byte[] bytes = "rules:\n  - action: [deny\n".getBytes(StandardCharsets.UTF_8);
    String expected = null;
    try {
      JsonDocument.parseYaml("plugins.yaml", bytes, ErrorCode.POLICY_CONFIG_ERROR);
    } catch (MpException e) {
      expected = e.getMessage();
    }
    assertThat(expected).isNotNull();
    String message = expected;
    assertThatThrownBy(() -> JsonDocument.parseYamlCached("plugins.yaml", bytes, ErrorCode.POLICY_CONFIG_ERROR, cache))
        .isInstanceOf(MpException.class).hasMessage(message);
    assertThat(cached()).isEmpty();
  }
}
