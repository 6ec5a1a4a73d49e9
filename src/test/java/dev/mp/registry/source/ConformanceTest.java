package dev.mp.registry.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.ErrorCode;
import dev.mp.integrity.TreeHash;
import dev.mp.io.Json;
import dev.mp.io.JsonDocument;
import dev.mp.registry.PackageSource;
import dev.mp.registry.Release;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every marketplace of the conformance corpora is read as Claude Code reads it: names in file order,
 * source kinds and versions as the expectations record them. Two corpora, in the same layout
 * ({@code marketplaces/<name>/} and expectation files): the shared one of real marketplaces ({@code
 * ../shared/conformance/expected.json}, beside the repository) and the repository's own ({@code
 * src/test/resources/conformance/expected*.json}), which covers source forms the real ones lack.
 */
class ConformanceTest {
  static final Path CORPUS = Path.of("..", "shared", "conformance");
  static final Path OWN_CORPUS = Path.of("src", "test", "resources", "conformance");

  /** Corpus root → every expectation of that corpus, by marketplace folder (in file order). */
  private static final Map<Path, Map<String, JsonNode>> expected = new java.util.LinkedHashMap<>();

  @BeforeAll
  static void corpus() throws IOException {
    if (!Files.isRegularFile(CORPUS.resolve("expected.json"))) {
      fail("the conformance corpus is missing: expected `" + CORPUS.toAbsolutePath().normalize()
          + "/expected.json` (the shared folder beside the repository); it cannot be skipped");
    }
    expected.put(CORPUS, new java.util.LinkedHashMap<>());
    read(CORPUS, CORPUS.resolve("expected.json"));
    expected.put(OWN_CORPUS, new java.util.LinkedHashMap<>());
    try (Stream<Path> files = Files.list(OWN_CORPUS)) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches("expected.*\\.json")).sorted().toList()) {
        read(OWN_CORPUS, file);
      }
    }
  }

  private static void read(Path corpus, Path file) throws IOException {
    Json.mapper().readTree(file.toFile()).fields().forEachRemaining(field -> {
      if (expected.get(corpus).put(field.getKey(), field.getValue()) != null) {
        fail("marketplace `" + field.getKey() + "` has expectations in two files of " + corpus);
      }
    });
  }

  @Test
  void everyMarketplaceOfTheCorpusHasExpectations() throws IOException {
    for (Map.Entry<Path, Map<String, JsonNode>> corpus : expected.entrySet()) {
      List<String> folders = new ArrayList<>();
      try (Stream<Path> children = Files.list(corpus.getKey().resolve("marketplaces"))) {
        children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(folders::add);
      }
      assertThat(folders).as("marketplaces of %s", corpus.getKey()).isNotEmpty()
          .containsExactlyInAnyOrderElementsOf(corpus.getValue().keySet());
    }
  }

  @TestFactory
  Stream<DynamicTest> marketplacesReadAsClaudeCodeReadsThem() {
    List<DynamicTest> tests = new ArrayList<>();
    expected.forEach((corpus, expectations) -> expectations.forEach((folder, expectation) ->
        tests.add(DynamicTest.dynamicTest(folder, () -> check(corpus, folder, expectation)))));
    return tests.stream();
  }

  private static void check(Path corpus, String folder, JsonNode expectation) throws IOException {
    Path root = corpus.resolve("marketplaces").resolve(folder).toAbsolutePath().normalize();
    Path file = root.resolve(".claude-plugin/marketplace.json");
    List<String> warnings = new ArrayList<>();
    ParseWarnings parseWarnings = new ParseWarnings("registry `" + folder + "`", warnings::add);
    JsonDocument document = JsonDocument.parseJson(".claude-plugin/marketplace.json", Files.readAllBytes(file),
        ErrorCode.INDEX_INVALID);
    MarketplaceParser.Marketplace marketplace = MarketplaceParser.parseLocal(document, root, parseWarnings);

    assertThat(marketplace.name()).as("marketplace name").isEqualTo(text(expectation.get("marketplace_name")));
    List<String> names = new ArrayList<>();
    expectation.path("plugin_names").forEach(name -> names.add(name.textValue()));
    assertThat(marketplace.entries()).extracting(entry -> entry.plugin().name()).as("names in file order")
        .containsExactlyElementsOf(names);
    assertThat(marketplace.entries()).hasSize(expectation.get("plugin_count").intValue());

    Map<String, Integer> kinds = new TreeMap<>();
    marketplace.entries().forEach(entry -> kinds.merge(entry.sourceKind(), 1, Integer::sum));
    Map<String, Integer> expectedKinds = new TreeMap<>();
    expectation.path("source_kinds").fields().forEachRemaining(kind -> expectedKinds.put(kind.getKey(), kind.getValue().intValue()));
    assertThat(kinds).as("source kinds").isEqualTo(expectedKinds);

    Map<String, JsonNode> raw = rawEntries(document.root());
    for (int i = 0; i < marketplace.entries().size(); i++) {
      MarketplaceParser.Entry entry = marketplace.entries().get(i);
      JsonNode plugin = expectation.get("plugins").get(i);
      String name = entry.plugin().name();
      assertThat(entry.sourceKind()).as("source kind of %s", name).isEqualTo(plugin.get("source_kind").textValue());
      Release release = entry.plugin().latest();
      assertThat(release.version()).as("version of %s", name)
          .isEqualTo(claudeCodeVersion(plugin.get("version"), raw.get(name).get("source")));
      assertSource(entry.sourceKind(), release, name);
    }
    if (folder.equals("rohitg00__awesome-claude-code-toolkit")) {
      assertThat(warnings).singleElement().asString().contains("not a Claude Code marketplace")
          .contains("no top-level `plugins` array").contains("`marketplace`");
    }
    if (folder.equals("serenakeyitan__tdoc")) {
      assertThat(warnings).singleElement().asString().contains("plugin `tdoc`").contains("github:serenakeyitan/tdoc");
    }
  }

  /**
   * What Claude Code's order gives when expected.json has no version: the git sha cut to 12 digits (a
   * {@code git-subdir}'s followed by 8 digits of SHA-256 of its path), an archive's sha256 cut to 12
   * digits, else {@code unknown}; a ref is never a version.
   */
  private static String claudeCodeVersion(JsonNode expectedVersion, JsonNode source) {
    if (expectedVersion != null && expectedVersion.isTextual()) {
      return expectedVersion.textValue();
    }
    if (source != null && source.isObject() && source.path("sha").isTextual()) {
      String sha = source.get("sha").textValue().substring(0, 12);
      return source.path("source").asText().equals("git-subdir")
          ? sha + "-" + dev.mp.registry.ClaudeVersions.pathDigest(source.get("path").textValue()) : sha;
    }
    if (source != null && source.isObject() && source.path("sha256").isTextual()) {
      return source.get("sha256").textValue().toLowerCase(java.util.Locale.ROOT).substring(0, 12);
    }
    return "unknown";
  }

  private static void assertSource(String kind, Release release, String name) {
    switch (kind) {
      case "relative-path":
        assertThat(release.source()).as("source of %s", name).isInstanceOf(PackageSource.Folder.class);
        assertThat(release.integrity()).as("integrity of %s", name).startsWith("sha512-");
        break;
      case "github":
      case "url":
      case "git-subdir":
        assertThat(release.source()).as("source of %s", name).isInstanceOf(PackageSource.Git.class);
        assertThat(((PackageSource.Git) release.source()).url()).matches("(https|file|ssh)://.*|[^@]+@[^:]+:.+");
        assertThat(release.integrity()).as("integrity of %s", name).isNull();
        break;
      case "npm":
        assertThat(release.source()).as("source of %s", name).isInstanceOf(PackageSource.Npm.class);
        break;
      case "archive":
        assertThat(release.source()).as("source of %s", name).isInstanceOf(PackageSource.Archive.class);
        break;
      default:
        assertThat(release.source()).as("source of %s", name).isInstanceOf(PackageSource.Unsupported.class);
        assertThat(((PackageSource.Unsupported) release.source()).reason()).isNotBlank();
    }
  }

  @Test
  void relativePluginFoldersCarryTheCanonicalTreeHash() throws IOException {
    Path root = CORPUS.resolve("marketplaces/Dev-GOM__claude-code-marketplace").toAbsolutePath().normalize();
    JsonDocument document = JsonDocument.parseJson("marketplace.json",
        Files.readAllBytes(root.resolve(".claude-plugin/marketplace.json")), ErrorCode.INDEX_INVALID);
    Release release = MarketplaceParser.parseLocal(document, root, new ParseWarnings("x", m -> {}))
        .entries().get(0).plugin().latest();
    Path folder = ((PackageSource.Folder) release.source()).path();
    assertThat(folder).isEqualTo(root.resolve("plugins/hook-git-auto-backup"));
    assertThat(release.integrity()).isEqualTo(TreeHash.of(folder));
  }

  @Test
  void pluginRootIsNotDoubledForSourcesThatAlreadyStartWithIt() throws IOException {
    Path root = CORPUS.resolve("marketplaces/kivilaid__plugin-marketplace").toAbsolutePath().normalize();
    JsonDocument document = JsonDocument.parseJson("marketplace.json",
        Files.readAllBytes(root.resolve(".claude-plugin/marketplace.json")), ErrorCode.INDEX_INVALID);
    Map<String, PackageSource> sources = new HashMap<>();
    MarketplaceParser.parseLocal(document, root, new ParseWarnings("x", m -> {}))
        .entries().forEach(entry -> sources.put(entry.plugin().name(), entry.plugin().latest().source()));
    assertThat(sources.get("feature-dev")).isEqualTo(new PackageSource.Folder(root.resolve("plugins/feature-dev")));
    assertThat(sources.get("document-skills")).isEqualTo(new PackageSource.Folder(root));
  }

  private static Map<String, JsonNode> rawEntries(JsonNode root) {
    Map<String, JsonNode> entries = new HashMap<>();
    root.path("plugins").forEach(entry -> entries.putIfAbsent(entry.path("name").asText(), entry));
    return entries;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.textValue();
  }
}
