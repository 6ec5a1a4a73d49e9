package dev.mp.registry.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.io.Json;
import dev.mp.registry.source.ClaudeDependencyForms.Reading;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClaudeDependencyFormsTest {
  @ParameterizedTest
  @CsvSource({
      "'~1.0', REJECTED",
      "'>=1.0', REJECTED",
      "'>=1 <2', REJECTED",
      "'*', REJECTED",
      "'', REJECTED",
      "'1.0.0', MISREAD_AS_MARKETPLACE",
      "'1.x', MISREAD_AS_MARKETPLACE",
      "'2', MISREAD_AS_MARKETPLACE",
      "'^2.0', RANGE_IGNORED",
  })
  void versionsAfterTheAtSignAreNotReadAsMpReadsThem(String after, Reading expected) {
    assertThat(ClaudeDependencyForms.reading(after)).isEqualTo(expected);
  }

  @Test
  void marketplaceNamesAndTheObjectFormAreFine() throws Exception {
    var dependencies = Json.readTree(("[\"lib\", \"lib@team-tools\", {\"name\": \"lib\", \"version\": \"^2.0\"}, "
        + "\"other@^2.0\", \"third@1.0.0\"]").getBytes(java.nio.charset.StandardCharsets.UTF_8));

    List<ClaudeDependencyForms.Problem> problems = ClaudeDependencyForms.check(dependencies);

    assertThat(problems).extracting(ClaudeDependencyForms.Problem::message).containsExactly(
        "dependencies[3] \"other@^2.0\": Claude Code ignores the range; write {\"name\": \"other\", \"version\": \"^2.0\"}",
        "dependencies[4] \"third@1.0.0\": Claude Code reads the version as a marketplace name; "
            + "write {\"name\": \"third\", \"version\": \"1.0.0\"}");
  }
}
