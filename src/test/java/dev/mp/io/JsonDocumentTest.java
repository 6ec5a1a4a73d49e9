package dev.mp.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonDocumentTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void remembersWhereEachValueIs() {
    JsonDocument doc = JsonDocument.parseJson("f.json", bytes("{\n  \"a\": [\n    1,\n    {\"b\": true}\n  ]\n}"), ErrorCode.CONFIG_ERROR);
    assertThat(doc.where("/a/1/b")).isEqualTo("f.json:4:11");
    assertThat(doc.line("/a/0")).isEqualTo(3);
    assertThat(doc.error("/a/1/b", "bad").getMessage()).isEqualTo("f.json:4:11: field `a[1].b`: bad");
  }

  @Test
  void parsesYamlWithLines() {
    JsonDocument doc = JsonDocument.parseYaml("p.yaml", bytes("rules:\n  - action: deny\n    plugins: [\"x\"]\n"), ErrorCode.POLICY_CONFIG_ERROR);
    assertThat(doc.root().at("/rules/0/action").asText()).isEqualTo("deny");
    assertThat(doc.line("/rules/0/plugins")).isEqualTo(3);
  }

  @Test
  void refusesDeepNestingWithACodedError() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> JsonDocument.parseJson("deep.json", bytes(deep), ErrorCode.LOCKFILE_ERROR))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCKFILE_ERROR))
        .hasMessageContaining("deep.json");
  }

  @Test
  void refusesMalformedYamlAndDuplicateYamlKeys() {
    assertThatThrownBy(() -> JsonDocument.parseYaml("p.yaml", bytes("rules: [\n  - a"), ErrorCode.POLICY_CONFIG_ERROR))
        .isInstanceOf(MpException.class).hasMessageStartingWith("p.yaml");
    assertThatThrownBy(() -> JsonDocument.parseYaml("p.yaml", bytes("a: 1\na: 2\n"), ErrorCode.POLICY_CONFIG_ERROR))
        .isInstanceOf(MpException.class).hasMessageMatching("(?is).*duplicate.*");
  }

  @Test
  void refusesYamlAliasBombs() {
    StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char previous = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ",").append('*').append(previous);
      }
      bomb.append("]\n");
      previous = c;
    }
    assertThatThrownBy(() -> JsonDocument.parseYaml("bomb.yaml", bytes(bomb.toString()), ErrorCode.POLICY_CONFIG_ERROR))
        .isInstanceOf(MpException.class)
        .hasMessageContaining("bomb.yaml:2:")
        .hasMessageContaining("aliases");
  }
}
