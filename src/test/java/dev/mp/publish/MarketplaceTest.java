package dev.mp.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.install.ArchiveExtractor;
import dev.mp.install.ExtractionLimits;
import dev.mp.integrity.FileDigests;
import dev.mp.integrity.TreeHash;
import dev.mp.io.Json;
import dev.mp.testing.ClaudeCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code registry build --marketplace}: what plain Claude Code reads from the same registry. */
class MarketplaceTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @TempDir Path temp;

  private Path registry() {
    return temp.resolve("registry");
  }

  private BuildResult build(String baseUrl, Path... sources) {
    List<BuildRequest.Source> list = new ArrayList<>();
    for (Path source : sources) {
      list.add(new BuildRequest.Source(source, source.getFileName().toString()));
    }
    return new RegistryBuilder(NOW).build(new BuildRequest(list, registry(), "registry", baseUrl, null, null, "team-plugins"));
  }

  private JsonNode marketplace() throws IOException {
    return Json.readTree(Files.readAllBytes(registry().resolve(".claude-plugin/marketplace.json")));
  }

  @Test
  void withoutAnHttpsBaseUrlEntriesAreRelativeFoldersThatClaudeCodeValidatesAndInstalls() throws IOException {
    Path alpha = PluginFolders.plugin(temp, "alpha", "1.0.0");
    build(null, alpha, PluginFolders.plugin(temp, "beta", "2.0.0"));

    JsonNode entry = marketplace().at("/plugins/0");
    assertThat(entry.get("name").asText()).isEqualTo("alpha");
    assertThat(entry.get("source").asText()).isEqualTo("./plugins/alpha");
    assertThat(entry.get("version").asText()).isEqualTo("1.0.0");
    assertThat(TreeHash.of(registry().resolve("plugins/alpha"))).isEqualTo(TreeHash.of(alpha));

    ClaudeCode claude = ClaudeCode.require(temp.resolve("home"));
    assertThat(claude.ok(registry(), "plugin", "validate", ".").output()).contains("Validation passed");
    claude.ok(temp, "plugin", "marketplace", "add", registry().toString());
    claude.ok(temp, "plugin", "install", "beta@team-plugins");
    assertThat(claude.ok(temp, "plugin", "list").stdout()).contains("beta@team-plugins").contains("2.0.0");
  }

  @Test
  void withAnHttpsBaseUrlEntriesAreZipArchivesWithTheirSha256ThatClaudeCodeValidates() throws IOException {
    Path alpha = PluginFolders.plugin(temp, "alpha", "1.0.0");
    build("https://plugins.team.dev/registry/", alpha);

    JsonNode source = marketplace().at("/plugins/0/source");
    assertThat(source.get("source").asText()).isEqualTo("archive");
    assertThat(source.get("url").asText()).isEqualTo("https://plugins.team.dev/registry/packages/alpha-1.0.0.zip");
    Path zip = registry().resolve("packages/alpha-1.0.0.zip");
    assertThat(source.get("sha256").asText()).isEqualTo(FileDigests.sha256Hex(zip));
    Path extracted = temp.resolve("extracted");
    ArchiveExtractor.extract(zip, "alpha-1.0.0.zip", extracted, ExtractionLimits.DEFAULT);
    assertThat(TreeHash.of(extracted)).isEqualTo(TreeHash.of(alpha));

    ClaudeCode claude = ClaudeCode.require(temp.resolve("home"));
    assertThat(claude.ok(registry(), "plugin", "validate", ".").output()).contains("Validation passed");
  }

  @Test
  void addingOneReleaseLeavesTheOtherPackagesAndEntriesAlone() throws IOException {
    build("https://plugins.team.dev/", PluginFolders.plugin(temp, "alpha", "1.0.0"), PluginFolders.plugin(temp, "beta", "1.0.0"));
    Path betaZip = registry().resolve("packages/beta-1.0.0.zip");
    Object betaKey = Files.readAttributes(betaZip, BasicFileAttributes.class).fileKey();
    JsonNode betaEntry = marketplace().at("/plugins/1");

    build("https://plugins.team.dev/", PluginFolders.plugin(temp, "alpha", "1.1.0"));

    assertThat(Files.readAttributes(betaZip, BasicFileAttributes.class).fileKey()).isEqualTo(betaKey);
    assertThat(marketplace().at("/plugins/1")).isEqualTo(betaEntry);
    assertThat(marketplace().at("/plugins/0/version").asText()).isEqualTo("1.1.0");
    assertThat(registry().resolve("packages/alpha-1.1.0.zip")).isRegularFile();
  }

  @Test
  void aMarketplaceAddedLaterIsMadeFromThePublishedPackagesAndAYankedTopIsReplaced() throws IOException {
    Path alpha = PluginFolders.plugin(temp, "alpha", "1.0.0");
    new RegistryBuilder(NOW).build(new BuildRequest(List.of(new BuildRequest.Source(alpha, "alpha"),
        new BuildRequest.Source(PluginFolders.plugin(temp, "alpha", "1.1.0"), "alpha-next")),
        registry(), "registry", null, null, null, null));
    Yank.yank(registry().resolve("index.json"), "index.json", "alpha@1.1.0", "broken", false, null, null, NOW);

    BuildResult result = build(null);

    assertThat(result.marketplace().written()).isTrue();
    assertThat(marketplace().at("/plugins/0/version").asText()).isEqualTo("1.0.0");
    assertThat(TreeHash.of(registry().resolve("plugins/alpha"))).isEqualTo(TreeHash.of(alpha));
    assertThat(result.indexWritten()).isFalse();
  }
}
