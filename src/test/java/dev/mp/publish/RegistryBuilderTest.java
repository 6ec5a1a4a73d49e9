package dev.mp.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.integrity.TreeHash;
import dev.mp.io.Json;
import dev.mp.registry.DependencySpec;
import dev.mp.registry.PluginEntry;
import dev.mp.registry.Release;
import dev.mp.registry.source.DocumentOrigin;
import dev.mp.registry.source.IndexParser;
import dev.mp.registry.source.ParseWarnings;
import dev.mp.sign.Ed25519PrivateKey;
import dev.mp.sign.SignatureCheck;
import dev.mp.sign.TestKeys;
import dev.mp.sign.TrustedKeys;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryBuilderTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @TempDir Path temp;

  private Path registry() {
    return temp.resolve("registry");
  }

  private BuildResult build(Path... sources) {
    return build(null, null, null, sources);
  }

  private BuildResult build(String baseUrl, Ed25519PrivateKey key, String marketplace, Path... sources) {
    List<BuildRequest.Source> list = new ArrayList<>();
    for (Path source : sources) {
      list.add(new BuildRequest.Source(source, temp.relativize(source).toString()));
    }
    Duration expires = key == null ? null : Duration.ofDays(30);
    return new RegistryBuilder(NOW).build(new BuildRequest(list, registry(), "registry", baseUrl, key, expires, marketplace));
  }

  private JsonNode index() throws IOException {
    return Json.readTree(Files.readAllBytes(registry().resolve("index.json")));
  }

  private Map<String, PluginEntry> parsed() throws IOException {
    Map<String, PluginEntry> entries = new java.util.TreeMap<>();
    try (InputStream in = Files.newInputStream(registry().resolve("index.json"))) {
      IndexParser.parse(in, "index.json", DocumentOrigin.local(registry().resolve("index.json")),
          new ParseWarnings("registry", Reporter.SILENT),
          entry -> entries.putIfAbsent(entry.name(), entry) == null);
    }
    return entries;
  }

  @Test
  void aBuildWritesTheIndexAndPackagesThatMpReads() throws IOException {
    Path alpha = PluginFolders.plugin(temp, "alpha", "1.0.0");
    Path beta = PluginFolders.plugin(temp, "beta", "2.0.0",
        ", \"dependencies\": [\"alpha\", {\"name\": \"gamma\", \"version\": \"^1.0.0\", \"marketplace\": \"team\"}]");

    BuildResult result = build(alpha, beta);

    assertThat(result.releases()).extracting(r -> r.name() + "@" + r.version() + " " + r.status().wire() + " " + r.file())
        .containsExactly("alpha@1.0.0 added packages/alpha-1.0.0.tgz", "beta@2.0.0 added packages/beta-2.0.0.tgz");
    assertThat(registry().resolve("packages/alpha-1.0.0.tgz")).isRegularFile();
    assertThat(registry().resolve("packages/beta-2.0.0.tgz")).isRegularFile();
    Map<String, PluginEntry> entries = parsed();
    Release betaRelease = entries.get("beta").latest();
    assertThat(betaRelease.version()).isEqualTo("2.0.0");
    assertThat(betaRelease.integrity()).isEqualTo(TreeHash.of(beta));
    assertThat(betaRelease.archiveIntegrity()).isEqualTo(result.releases().get(1).archiveIntegrity());
    assertThat(betaRelease.source().resolved(registry())).isEqualTo("./packages/beta-2.0.0.tgz");
    // `marketplace` names a Claude Code marketplace, which an index registry is not: it pins nothing.
    assertThat(betaRelease.dependencies()).containsExactly(new DependencySpec("alpha", "*", null),
        new DependencySpec("gamma", "^1.0.0", null));
    assertThat(entries.get("alpha").description()).isEqualTo("The alpha plugin");
    JsonNode index = index();
    assertThat(index.get("version").asInt()).isEqualTo(1);
    assertThat(index.get("updatedAt").asText()).isEqualTo("2026-06-01T12:00:00Z");
    assertThat(index.at("/plugins/beta/dependencies/1/marketplace").asText()).isEqualTo("team");
    assertThat(index.at("/plugins/beta/resolved").asText()).isEqualTo("packages/beta-2.0.0.tgz");
  }

  @Test
  void aBaseUrlMakesResolvedAbsolute() throws IOException {
    build("https://plugins.team.dev/registry", null, null, PluginFolders.plugin(temp, "alpha", "1.0.0"));

    assertThat(index().at("/plugins/alpha/resolved").asText())
        .isEqualTo("https://plugins.team.dev/registry/packages/alpha-1.0.0.tgz");
  }

  @Test
  void newVersionsAreAddedEveryReleaseIsKeptAndTheTopLevelFollowsTheHighest() throws IOException {
    build(PluginFolders.plugin(temp, "alpha", "1.0.0"));
    build(PluginFolders.plugin(temp, "alpha", "1.2.0"));
    build(PluginFolders.plugin(temp, "alpha", "1.1.0"));

    JsonNode alpha = index().at("/plugins/alpha");
    assertThat(alpha.get("version").asText()).isEqualTo("1.2.0");
    assertThat(alpha.get("resolved").asText()).isEqualTo("packages/alpha-1.2.0.tgz");
    List<String> versions = new ArrayList<>();
    alpha.get("releases").fieldNames().forEachRemaining(versions::add);
    assertThat(versions).containsExactly("1.0.0", "1.1.0", "1.2.0");
    assertThat(parsed().get("alpha").releases()).extracting(Release::version).containsExactlyInAnyOrder("1.2.0", "1.0.0", "1.1.0");
  }

  @Test
  void theSameContentAgainChangesNothing() throws IOException {
    Path alpha = PluginFolders.plugin(temp, "alpha", "1.0.0");
    build(alpha);
    Map<String, String> before = Snapshots.of(registry());
    long modified = Files.getLastModifiedTime(registry().resolve("index.json")).toMillis();

    BuildResult again = new RegistryBuilder(NOW.plusSeconds(60)).build(new BuildRequest(
        List.of(new BuildRequest.Source(alpha, "alpha")), registry(), "registry", null, null, null, null));

    assertThat(again.indexWritten()).isFalse();
    assertThat(again.releases()).extracting(r -> r.status()).containsExactly(BuildResult.Status.UNCHANGED);
    assertThat(Snapshots.of(registry())).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(registry().resolve("index.json")).toMillis()).isEqualTo(modified);
  }

  @Test
  void aPublishedVersionWithOtherContentIsRefusedNamingBothIntegritiesAndNothingIsWritten() throws IOException {
    Path alpha = PluginFolders.plugin(temp, "alpha", "1.0.0");
    build(alpha, PluginFolders.plugin(temp, "beta", "1.0.0"));
    String published = TreeHash.of(alpha);
    TestFiles.write(alpha.resolve("commands/alpha.md"), "changed\n");
    Map<String, String> before = Snapshots.of(registry());

    // The refused release comes between two new ones: the first is already packed when it is met.
    assertThatThrownBy(() -> build(PluginFolders.plugin(temp, "gamma", "1.0.0"), alpha,
        PluginFolders.plugin(temp, "delta", "1.0.0")))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY_MISMATCH);
          assertThat(e.hints()).anyMatch(hint -> hint.contains("raise `version`"));
        })
        .hasMessageContaining("`alpha` 1.0.0 is already published with other content")
        .hasMessageContaining(published)
        .hasMessageContaining(TreeHash.of(alpha));
    assertThat(Snapshots.of(registry())).isEqualTo(before);
  }

  @Test
  void aFailureWhileWritingUndoesWhatWasWritten() throws IOException {
    build(PluginFolders.plugin(temp, "alpha", "1.0.0"));
    // `.claude-plugin` as a file: the marketplace cannot be placed, after the new package was.
    TestFiles.write(registry().resolve(".claude-plugin"), "in the way\n");
    Map<String, String> before = Snapshots.of(registry());

    assertThatThrownBy(() -> build(null, null, "team", PluginFolders.plugin(temp, "beta", "1.0.0")))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR));

    assertThat(Snapshots.of(registry())).isEqualTo(before);
  }

  @Test
  void aRefusedFirstBuildLeavesNoFolderBehind() {
    Path broken = TestFiles.write(temp.resolve("broken/.claude-plugin/plugin.json"), "{\"name\": \"broken\"}").getParent().getParent();

    assertThatThrownBy(() -> build(PluginFolders.plugin(temp, "alpha", "1.0.0"), broken))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_INVALID));

    assertThat(registry()).doesNotExist();
  }

  @Test
  void aDependencyClaudeCodeMisreadsIsRefusedNamingThePluginAndTheAcceptedForm() {
    Path alpha = PluginFolders.plugin(temp, "alpha", "1.0.0", ", \"dependencies\": [\"lib@^2.0\"]");

    assertThatThrownBy(() -> build(alpha))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_INVALID))
        .hasMessageContaining("alpha-1.0.0/.claude-plugin/plugin.json")
        .hasMessageContaining("dependencies[0] \"lib@^2.0\": Claude Code ignores the range")
        .hasMessageContaining("{\"name\": \"lib\", \"version\": \"^2.0\"}");
    assertThat(registry()).doesNotExist();
  }

  @Test
  void archivesMadeByPackAreSourcesToo() throws IOException {
    Path alpha = PluginFolders.plugin(temp, "alpha", "1.0.0");
    Pack.PackResult packed = Pack.pack(alpha, "alpha", temp.resolve("dist"), Reporter.SILENT);

    BuildResult result = build(packed.file());

    assertThat(result.releases().get(0).integrity()).isEqualTo(TreeHash.of(alpha));
    assertThat(Files.readAllBytes(registry().resolve("packages/alpha-1.0.0.tgz"))).isEqualTo(Files.readAllBytes(packed.file()));
  }

  @Test
  void oneVersionGivenTwiceWithDifferentContentIsRefused() {
    Path one = PluginFolders.plugin(temp.resolve("one"), "alpha", "1.0.0");
    Path two = PluginFolders.plugin(temp.resolve("two"), "alpha", "1.0.0");
    TestFiles.write(two.resolve("extra.md"), "more\n");

    assertThatThrownBy(() -> build(one, two))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY_MISMATCH))
        .hasMessageContaining("is given twice with different content");
  }

  @Test
  void aSignedBuildSignsTheIndexAndEveryReleaseAndRaisesTheSerial() throws IOException {
    Ed25519PrivateKey key = TestKeys.signing();
    build(null, key, null, PluginFolders.plugin(temp, "alpha", "1.0.0"));
    BuildResult second = build(null, key, null, PluginFolders.plugin(temp, "alpha", "1.1.0"));

    byte[] bytes = Files.readAllBytes(registry().resolve("index.json"));
    String signature = Files.readString(registry().resolve("index.json.sig"), StandardCharsets.UTF_8).trim();
    assertThat(TrustedKeys.parse(List.of(key.publicKey().text())).verify(bytes, signature))
        .isInstanceOf(SignatureCheck.Verified.class);
    assertThat(second.signed().serial()).isEqualTo(2);
    JsonNode index = index();
    assertThat(index.get("serial").asLong()).isEqualTo(2);
    assertThat(index.get("expires").asText()).isEqualTo("2026-07-01T12:00:00Z");
    assertThat(index.at("/plugins/alpha/releases/1.0.0/signature").asText()).startsWith("ed25519:");
    assertThat(index.at("/plugins/alpha/signed").asBoolean()).isTrue();
  }

  @Test
  void signingAgainKeepsTheSignaturesOfAnIndexTheKeySignedAndRedoesThemOtherwise() throws IOException {
    Ed25519PrivateKey key = TestKeys.signing();
    TrustedKeys keys = TrustedKeys.parse(List.of(key.publicKey().text()));
    build(null, key, null, PluginFolders.plugin(temp, "alpha", "1.0.0"));
    build(null, key, null, PluginFolders.plugin(temp, "alpha", "1.1.0"));
    JsonNode alpha = index().at("/plugins/alpha");
    for (String version : List.of("1.0.0", "1.1.0")) {
      JsonNode release = alpha.at("/releases/" + version);
      assertThat(keys.verifyRelease("alpha", version, release.get("integrity").asText(), release.get("signature").asText()))
          .isInstanceOf(SignatureCheck.Verified.class);
    }
    // Someone edits a signature on the host: the index no longer verifies, so nothing in it is trusted.
    String forged = TestKeys.other().sign(dev.mp.sign.ReleaseStatement.of("alpha", "1.0.0",
        alpha.at("/releases/1.0.0/integrity").asText()));
    Path file = registry().resolve("index.json");
    Files.writeString(file, Files.readString(file).replace(alpha.at("/releases/1.0.0/signature").asText(), forged));

    build(null, key, null, PluginFolders.plugin(temp, "alpha", "1.2.0"));

    JsonNode release = index().at("/plugins/alpha/releases/1.0.0");
    assertThat(keys.verifyRelease("alpha", "1.0.0", release.get("integrity").asText(), release.get("signature").asText()))
        .isInstanceOf(SignatureCheck.Verified.class);
  }

  @Test
  void aSignedRegistryIsNotChangedWithoutTheKey() {
    build(null, TestKeys.signing(), null, PluginFolders.plugin(temp, "alpha", "1.0.0"));
    Map<String, String> before = Snapshots.of(registry());

    assertThatThrownBy(() -> build(PluginFolders.plugin(temp, "alpha", "1.1.0")))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE_ERROR))
        .hasMessageContaining("is signed");
    assertThat(Snapshots.of(registry())).isEqualTo(before);
  }

  @Test
  void badBaseUrlsAndMarketplaceNamesAreUsageErrors() {
    Path alpha = PluginFolders.plugin(temp, "alpha", "1.0.0");

    assertThatThrownBy(() -> build("ftp://host/", null, null, alpha)).hasMessageContaining("expected an `https://`");
    assertThatThrownBy(() -> build("https://user:secret@host/", null, null, alpha))
        .hasMessageContaining("credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    assertThatThrownBy(() -> build(null, null, "Team Plugins", alpha))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.hints()).anyMatch(h -> h.contains("kebab-case")));
  }
}
