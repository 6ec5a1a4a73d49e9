package dev.mp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.install.Packages;
import dev.mp.integrity.Integrity;
import dev.mp.io.Json;
import dev.mp.lock.LockfileCodec;
import dev.mp.testing.ClaudeCode;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source kinds and versions against the real Claude Code CLI: the repository's own conformance
 * marketplaces validate; for the same source marketplace, the version mp records is the version
 * Claude Code shows after installing from it (git: the 12-digit commit, a git-subdir's path digest;
 * npm from a registry on loopback: plugin.json's, else {@code unknown}), and Claude Code shows it
 * again through mp's own generated marketplace; {@code claude plugin tag}'s tags are what a range
 * resolves over.
 */
class ClaudeCodeSourcesTest {
  private static final Path CORPUS = Path.of("src/test/resources/conformance/marketplaces").toAbsolutePath();

  @TempDir Path temp;

  @Test
  void theRepositorysConformanceMarketplacesValidate() throws IOException {
    ClaudeCode claude = ClaudeCode.require(temp.resolve("home"));
    // The source-kind marketplaces (expected-sources.json); other corpus files hold marketplaces
    // Claude Code refuses on purpose (odd names, bare sources without a root).
    List<Path> marketplaces = new java.util.ArrayList<>();
    dev.mp.io.Json.mapper().readTree(CORPUS.resolveSibling("expected-sources.json").toFile()).fieldNames()
        .forEachRemaining(name -> marketplaces.add(CORPUS.resolve(name)));
    assertThat(marketplaces).isNotEmpty();
    for (Path marketplace : marketplaces) {
      assertThat(claude.ok(temp, "plugin", "validate", marketplace.toString()).output())
          .as(marketplace.getFileName().toString()).contains("Validation passed");
    }
  }

  @Test
  void gitVersionsAreTheOnesClaudeCodeShows() {
    Path gitHome = temp.resolve("git-home");
    Path review = temp.resolve("repos/review");
    plugin(review, "review", null);
    String reviewCommit = Packages.commitAll(review, gitHome, "first");
    Path mono = temp.resolve("repos/mono");
    plugin(mono.resolve("tools/lint"), "lint", null);
    TestFiles.write(mono.resolve("README.md"), "monorepo\n");
    String monoCommit = Packages.commitAll(mono, gitHome, "first");
    Path marketplace = marketplace(temp.resolve("source"),
        "{\"name\": \"review\", \"source\": {\"source\": \"url\", \"url\": \"file://" + review + "\", \"ref\": \"main\"}}",
        "{\"name\": \"lint\", \"source\": {\"source\": \"git-subdir\", \"url\": \"file://" + mono
            + "\", \"path\": \"tools/lint\", \"sha\": \"" + monoCommit + "\"}}");

    ClaudeCode claude = ClaudeCode.require(temp.resolve("home"));
    claude.ok(temp, "plugin", "marketplace", "add", marketplace.toString());
    claude.ok(temp, "plugin", "install", "review@market");
    claude.ok(temp, "plugin", "install", "lint@market");
    String shown = claude.ok(temp, "plugin", "list").stdout();
    assertThat(version(shown, "review@market")).isEqualTo(reviewCommit.substring(0, 12));

    Path project = install(marketplace, "review", "lint");
    assertThat(lockedVersion(project, "review")).isEqualTo(version(shown, "review@market"));
    assertThat(lockedVersion(project, "lint")).isEqualTo(version(shown, "lint@market"))
        .startsWith(monoCommit.substring(0, 12) + "-");
    assertShownThroughMpsMarketplace(project, "review", "lint");
  }

  @Test
  void npmVersionsAreTheOnesClaudeCodeShows() {
    try (Packages.Server npm = new Packages.Server()) {
      publish(npm, "@acme/bare", "1.2.3", null);
      publish(npm, "@acme/own", "2.0.0", "2.0.0-plugin");
      Path marketplace = marketplace(temp.resolve("source"),
          "{\"name\": \"bare\", \"source\": {\"source\": \"npm\", \"package\": \"@acme/bare\", \"version\": \"^1\","
              + " \"registry\": \"" + npm.url("") + "\"}}",
          "{\"name\": \"own\", \"source\": {\"source\": \"npm\", \"package\": \"@acme/own\", \"registry\": \""
              + npm.url("") + "\"}}");

      ClaudeCode claude = ClaudeCode.require(temp.resolve("home"));
      // Claude Code asks npm, which talks to a plain-http registry only when it is the user's default.
      TestFiles.write(claude.home().resolve(".npmrc"), "registry=" + npm.url("/") + "\n");
      claude.ok(temp, "plugin", "marketplace", "add", marketplace.toString());
      claude.ok(temp, "plugin", "install", "bare@market");
      claude.ok(temp, "plugin", "install", "own@market");
      String shown = claude.ok(temp, "plugin", "list").stdout();
      assertThat(version(shown, "bare@market")).isEqualTo("unknown");
      assertThat(version(shown, "own@market")).isEqualTo("2.0.0-plugin");

      Path project = install(marketplace, "bare", "own");
      assertThat(lockedVersion(project, "bare")).isEqualTo("unknown");
      assertThat(lockedVersion(project, "own")).isEqualTo("2.0.0-plugin");
      assertShownThroughMpsMarketplace(project, "bare", "own");
    }
  }

  @Test
  void claudePluginTagMakesTheTagsARangeResolvesOver() {
    Path gitHome = temp.resolve("git-home");
    Path repo = temp.resolve("repos/stripe");
    ClaudeCode claude = ClaudeCode.require(temp.resolve("home"));
    String[] commits = new String[2];
    String[] versions = {"1.2.0", "2.0.0"};
    for (int i = 0; i < versions.length; i++) {
      plugin(repo, "stripe", versions[i]);
      commits[i] = Packages.commitAll(repo, gitHome, "stripe " + versions[i]);
      if (i == 0) {
        Packages.git(repo, gitHome, "config", "user.name", "Test");
        Packages.git(repo, gitHome, "config", "user.email", "test@example.com");
      }
      assertThat(claude.ok(repo, "plugin", "tag", ".").output()).contains("stripe--v" + versions[i]);
    }
    assertThat(Packages.git(repo, gitHome, "cat-file", "-t", "stripe--v1.2.0")).isEqualTo("tag");
    Path marketplace = marketplace(temp.resolve("source"),
        "{\"name\": \"stripe\", \"source\": {\"source\": \"url\", \"url\": \"file://" + repo + "\", \"ref\": \"main\"}}");

    Path project = install(marketplace, "stripe@^1");
    assertThat(lockedVersion(project, "stripe")).isEqualTo("1.2.0");
    assertThat(LockfileCodec.load(project.resolve("plugin-lock.json"), "x").orElseThrow().plugins().get("stripe")
        .resolved()).endsWith("#" + commits[0]);
  }

  /** Installs {@code specs} with mp into a new project whose one registry is {@code marketplace}. */
  private Path install(Path marketplace, String... specs) {
    Path project = temp.resolve("project");
    TestFiles.write(project.resolve(".claude/registries.json"), "{\"registries\": [{\"name\": \"market\", \"url\": \""
        + marketplace + "\", \"priority\": 100, \"policy\": \"open\"}]}\n");
    String[] args = Stream.concat(Stream.of("install"), Stream.of(specs)).toArray(String[]::new);
    Cli.Result result = new Cli(project, temp.resolve("cache")).run(args);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return project;
  }

  /** Claude Code, loading mp's install folder as a marketplace, shows the versions mp locked. */
  private void assertShownThroughMpsMarketplace(Path project, String... names) {
    Path installed = project.resolve(".claude/plugins");
    String name;
    try {
      name = Json.readTree(Files.readAllBytes(installed.resolve(".claude-plugin/marketplace.json"))).get("name").asText();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    ClaudeCode claude = ClaudeCode.require(temp.resolve("home-through-mp"));
    claude.ok(project, "plugin", "marketplace", "add", installed.toString());
    for (String plugin : names) {
      claude.ok(project, "plugin", "install", plugin + "@" + name);
    }
    String shown = claude.ok(project, "plugin", "list").stdout();
    for (String plugin : names) {
      assertThat(version(shown, plugin + "@" + name)).as(plugin).isEqualTo(lockedVersion(project, plugin));
    }
  }

  private static String lockedVersion(Path project, String name) {
    return LockfileCodec.load(project.resolve("plugin-lock.json"), "x").orElseThrow().plugins().get(name).version();
  }

  /** The {@code Version:} that {@code claude plugin list} prints under {@code id}. */
  private static String version(String list, String id) {
    Matcher matcher = Pattern.compile("❯ " + Pattern.quote(id) + "\\s*\\n\\s*Version: (\\S+)").matcher(list);
    if (!matcher.find()) {
      throw new AssertionError("`" + id + "` is not in `claude plugin list`:\n" + list);
    }
    return matcher.group(1);
  }

  private static void plugin(Path folder, String name, String version) {
    TestFiles.write(folder.resolve(".claude-plugin/plugin.json"), "{\"name\": \"" + name + "\""
        + (version == null ? "" : ", \"version\": \"" + version + "\"") + ", \"description\": \"The " + name
        + " plugin\", \"author\": {\"name\": \"Test\"}}\n");
    TestFiles.write(folder.resolve("commands/" + name + ".md"), "---\ndescription: " + name + "\n---\n# " + name + "\n");
  }

  private static Path marketplace(Path root, String... entries) {
    TestFiles.write(root.resolve(".claude-plugin/marketplace.json"), "{\"name\": \"market\", \"owner\": {\"name\": \"test\"},"
        + " \"description\": \"sources\", \"plugins\": [\n" + String.join(",\n", entries) + "\n]}\n");
    return root;
  }

  /** Publishes an npm package holding a plugin (its plugin.json naming {@code pluginVersion}, or none). */
  private void publish(Packages.Server npm, String name, String version, String pluginVersion) {
    Path folder = temp.resolve("npm-src").resolve(name.replace('/', '_'));
    TestFiles.write(folder.resolve("package.json"), "{\"name\": \"" + name + "\", \"version\": \"" + version + "\"}\n");
    plugin(folder, name.substring(name.indexOf('/') + 1), pluginVersion);
    byte[] tarball = Packages.tgz(Packages.entriesOf(folder, "package/"));
    String path = "/" + name + "/-/" + name.substring(name.indexOf('/') + 1) + "-" + version + ".tgz";
    npm.serve(path, tarball);
    npm.serve("/" + name, ("{\"name\": \"" + name + "\", \"dist-tags\": {\"latest\": \"" + version + "\"}, \"versions\": {\""
        + version + "\": {\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"dist\": {\"tarball\": \""
        + npm.url(path) + "\", \"integrity\": \"" + Integrity.of(tarball, "sha512-x") + "\"}}}}")
        .getBytes(StandardCharsets.UTF_8));
  }
}
