package dev.mp.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.Json;
import dev.mp.sign.SignatureCheck;
import dev.mp.sign.TestKeys;
import dev.mp.sign.TrustedKeys;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YankTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @TempDir Path temp;

  private Path index() {
    return temp.resolve("registry/index.json");
  }

  private void publish(boolean signed, String... versions) {
    List<BuildRequest.Source> sources = new java.util.ArrayList<>();
    for (String version : versions) {
      sources.add(new BuildRequest.Source(PluginFolders.plugin(temp, "alpha", version), "alpha-" + version));
    }
    new RegistryBuilder(NOW).build(new BuildRequest(sources, temp.resolve("registry"), "registry", null,
        signed ? TestKeys.signing() : null, null, null));
  }

  private JsonNode alpha() throws IOException {
    return Json.readTree(Files.readAllBytes(index())).at("/plugins/alpha");
  }

  private Yank.YankResult yank(String spec, String reason, boolean undo, boolean key) {
    return Yank.yank(index(), "index.json", spec, reason, undo, key ? TestKeys.signing() : null, null, NOW.plusSeconds(60));
  }

  @Test
  void yankingTheHighestReleaseMovesTheTopLevelToTheNextAndUndoMovesItBack() throws IOException {
    publish(false, "1.0.0", "1.1.0");

    Yank.YankResult yanked = yank("alpha@1.1.0", "leaks tokens", false, false);

    assertThat(yanked.changed()).isTrue();
    assertThat(yanked.latest()).isEqualTo("1.0.0");
    assertThat(alpha().get("version").asText()).isEqualTo("1.0.0");
    assertThat(alpha().has("yanked")).isFalse();
    assertThat(alpha().at("/releases/1.1.0/yanked").asBoolean()).isTrue();
    assertThat(alpha().at("/releases/1.1.0/yankedReason").asText()).isEqualTo("leaks tokens");
    assertThat(Json.readTree(Files.readAllBytes(index())).get("updatedAt").asText()).isEqualTo("2026-06-01T12:01:00Z");

    Yank.YankResult undone = yank("alpha@1.1.0", null, true, false);

    assertThat(undone.latest()).isEqualTo("1.1.0");
    assertThat(alpha().get("version").asText()).isEqualTo("1.1.0");
    assertThat(alpha().at("/releases/1.1.0").has("yanked")).isFalse();
  }

  @Test
  void whenEveryReleaseIsYankedTheTopLevelIsTheHighestAndSaysYanked() throws IOException {
    publish(false, "1.0.0");

    yank("alpha@1.0.0", null, false, false);

    assertThat(alpha().get("version").asText()).isEqualTo("1.0.0");
    assertThat(alpha().get("yanked").asBoolean()).isTrue();
  }

  @Test
  void yankingAYankedReleaseAgainChangesNothing() throws IOException {
    publish(false, "1.0.0", "1.1.0");
    yank("alpha@1.0.0", "old", false, false);
    byte[] before = Files.readAllBytes(index());

    Yank.YankResult again = yank("alpha@1.0.0", "old", false, false);

    assertThat(again.changed()).isFalse();
    assertThat(Files.readAllBytes(index())).isEqualTo(before);
  }

  @Test
  void aSignedIndexIsSignedAgainWithTheKeyAndRefusedWithoutIt() throws IOException {
    publish(true, "1.0.0", "1.1.0");
    byte[] before = Files.readAllBytes(index());

    assertThatThrownBy(() -> yank("alpha@1.1.0", null, false, false))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE_ERROR));
    assertThat(Files.readAllBytes(index())).isEqualTo(before);

    Yank.YankResult signed = yank("alpha@1.1.0", null, false, true);

    assertThat(signed.signed().serial()).isEqualTo(2);
    byte[] bytes = Files.readAllBytes(index());
    assertThat(TrustedKeys.parse(List.of(TestKeys.signing().publicKey().text()))
        .verify(bytes, TestFiles.read(temp.resolve("registry/index.json.sig")).trim()))
        .isInstanceOf(SignatureCheck.Verified.class);
  }

  @Test
  void unknownPluginsAndReleasesAreNotFoundAndASpecNeedsAVersion() {
    publish(false, "1.0.0");

    assertThatThrownBy(() -> yank("alpah@1.0.0", null, false, false))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
          assertThat(e.hints()).containsExactly("did you mean `alpha`?");
        });
    assertThatThrownBy(() -> yank("alpha@2.0.0", null, false, false))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.hints()).containsExactly("its releases: 1.0.0"));
    assertThatThrownBy(() -> yank("alpha", null, false, false))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE_ERROR));
  }
}
