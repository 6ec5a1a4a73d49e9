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
 * source kinds and versions as the corpus records them. The corpora are the shared one of real
 * marketplaces ({@code ../shared/conformance/} beside the repository) and the repository's own ({@code
 * src/test/resources/conformance/}, odd names, {@code pluginRoot}, inline components), each a {@code
 * marketplaces/<name>/} folder per marketplace and the expectations of every {@code expected*.json}
 * beside it, merged. Optional per-plugin expectations: {@code source_path} (the plugin folder, relative
 * to the marketplace), {@code unsupported} (part of why it cannot be installed), {@code entry_fields}
 * (the names of the entry fields kept for the generated marketplace).
 */
class ConformanceTest {
  static final Path CORPUS = Path.of("..", "shared", "conformance");
  static final Path LOCAL_CORPUS = Path.of("src", "test", "resources", "conformance");

  /** corpus root → marketplace folder → its expectations. */
  private static final Map<Path, Map<String, JsonNode>> expected = new TreeMap<>();

  @BeforeAll
  static void corpus() throws IOException {
    if (!Files.isRegularFile(CORPUS.resolve("expected.json"))) {
      fail("the conformance corpus is missing: expected `" + CORPUS.toAbsolutePath().normalize()
          + "/expected.json` (the shared folder beside the repository); it cannot be skipped");
    }
    for (Path corpus : List.of(CORPUS, LOCAL_CORPUS)) {
      Map<String, JsonNode> merged = new TreeMap<>();
      try (Stream<Path> files = Files.list(corpus)) {
        for (Path file : (Iterable<Path>) files.sorted()::iterator) {
          String name = file.getFileName().toString();
          if (name.startsWith("expected") && name.endsWith(".json")) {
            Json.mapper().readTree(file.toFile()).fields().forEachRemaining(e -> merged.put(e.getKey(), e.getValue()));
          }
        }
      }
      expected.put(corpus, merged);
    }
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
    expected.forEach((corpus, marketplaces) -> marketplaces.forEach((folder, expectation) -> tests.add(
        DynamicTest.dynamicTest(folder, () -> check(corpus.resolve("marketplaces").resolve(folder), expectation)))));
    return tests.stream();
  }

  private static void check(Path marketplaceFolder, JsonNode expectation) throws IOException {
    String folder = marketplaceFolder.getFileName().toString();
    Path root = marketplaceFolder.toAbsolutePath().normalize();
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
      if (plugin.has("unsupported")) {
        assertThat(release.source()).as("source of %s", name).isInstanceOfSatisfying(PackageSource.Unsupported.class,
            source -> assertThat(source.reason()).contains(plugin.get("unsupported").textValue()));
      } else {
        assertSource(entry.sourceKind(), release, name);
      }
      if (plugin.has("source_path")) {
        assertThat(release.source()).as("folder of %s", name)
            .isEqualTo(new PackageSource.Folder(root.resolve(plugin.get("source_path").textValue()).normalize()));
      }
      if (plugin.has("entry_fields")) {
        List<String> keys = new ArrayList<>();
        plugin.get("entry_fields").forEach(key -> keys.add(key.textValue()));
        String fields = release.details().entryFields();
        List<String> actual = new ArrayList<>();
        if (fields != null) {
          Json.mapper().readTree(fields).fieldNames().forEachRemaining(actual::add);
        }
        assertThat(actual).as("entry fields of %s", name).isEqualTo(keys);
      }
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
