package dev.mp.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.install.Packages;
import dev.mp.integrity.Integrity;
import dev.mp.integrity.TreeHash;
import dev.mp.lock.LockedPlugin;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code's {@code npm} source end to end against a fake npm registry on loopback: packuments asked
 * for in their abbreviated form, the version a range picks, the tarball checked against its SRI
 * {@code integrity} before extraction, its {@code package/} folder installed, the lockfile pinning
 * the exact tarball so {@code lock install} never asks the registry again, and registry credentials
 * sent to the registry's own origin only.
 */
class NpmSourceFlowTest {
  private static final String TOKEN = "npm-side-token-3c9a";

  @TempDir Path temp;
  private SourceProject project;
  private Packages.Server npm;
  private final Map<String, Map<String, String>> published = new TreeMap<>();
  private final Map<String, String> latest = new TreeMap<>();

  @BeforeEach
  void start() {
    project = new SourceProject(temp);
    npm = new Packages.Server();
  }

  @AfterEach
  void stop() {
    npm.close();
  }

  /**
   * Publishes {@code name@version} on {@code server}: a tarball whose {@code package/} holds a plugin
   * (its plugin.json with {@code pluginVersion}, or none), and the package's packument.
   */
  private Path publish(Packages.Server server, String name, String version, String pluginVersion, String integrity) {
    Path folder = temp.resolve("src").resolve(name.replace('/', '_') + "-" + version);
    TestFiles.write(folder.resolve("package.json"), "{\"name\": \"" + name + "\", \"version\": \"" + version + "\"}\n");
    TestFiles.write(folder.resolve(".claude-plugin/plugin.json"), "{\"name\": \"review\""
        + (pluginVersion == null ? "" : ", \"version\": \"" + pluginVersion + "\"") + "}\n");
    TestFiles.write(folder.resolve("commands/review.md"), "# review " + version + "\n");
    byte[] tarball = Packages.tgz(Packages.entriesOf(folder, "package/"));
    String path = "/" + name + "/-/" + name.substring(name.indexOf('/') + 1) + "-" + version + ".tgz";
    server.serve(path, tarball);
    String sri = integrity != null ? integrity : Integrity.of(tarball, "sha512-x");
    published.computeIfAbsent(name, n -> new TreeMap<>()).put(version, "{\"name\": \"" + name + "\", \"version\": \""
        + version + "\", \"dist\": {\"tarball\": \"" + server.url(path) + "\", \"shasum\": \"0000\", \"integrity\": \""
        + sri + "\"}}");
    List<String> versions = new ArrayList<>();
    published.get(name).forEach((v, json) -> versions.add("\"" + v + "\": " + json));
    server.serve("/" + name, ("{\"name\": \"" + name + "\", \"dist-tags\": {\"latest\": \""
        + latest.getOrDefault(name, version) + "\"}, \"versions\": {" + String.join(", ", versions) + "}}")
        .getBytes(StandardCharsets.UTF_8));
    return folder;
  }

  private static String entry(String name, String pkg, String spec, String registry) {
    return "{\"name\": \"" + name + "\", \"source\": {\"source\": \"npm\", \"package\": \"" + pkg + "\""
        + (spec == null ? "" : ", \"version\": \"" + spec + "\"")
        + (registry == null ? "" : ", \"registry\": \"" + registry + "\"") + "}}";
  }

  @Test
  void aScopedPackageResolvesThroughTheEntrysRegistryAndLockInstallNeverAsksAgain() {
    latest.put("@acme/review", "1.2.0");
    publish(npm, "@acme/review", "1.0.0", null, null);
    publish(npm, "@acme/review", "1.3.0", null, null);
    publish(npm, "@acme/review", "2.0.0", null, null);
    Path chosen = publish(npm, "@acme/review", "1.2.0", null, null);
    project.local(entry("review", "@acme/review", "^1", npm.url("")));

    Cli.Result install = project.cli.run("install", "review");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    LockedPlugin locked = project.locked("review");
    // `latest` (1.2.0) satisfies ^1, so it wins over 1.3.0, as npm and Claude Code choose.
    String tarball = npm.url("/@acme/review/-/review-1.2.0.tgz");
    assertThat(locked.resolved()).isEqualTo("npm+" + tarball + "#@acme/review@1.2.0");
    assertThat(locked.archiveIntegrity()).startsWith("sha512-");
    // Neither plugin.json nor the entry names a version: Claude Code shows `unknown`, and so does mp.
    assertThat(locked.version()).isEqualTo("unknown");
    assertThat(TreeHash.of(project.installed("review"))).isEqualTo(TreeHash.of(chosen)).isEqualTo(locked.integrity());
    assertThat(project.installed("review").resolve("package.json")).exists();
    assertThat(npm.accept("/@acme/review")).startsWith("application/vnd.npm.install-v1+json");
    assertThat(project.cli.run("lock", "check").exitCode()).isZero();

    project.forgetAllButTheLockfile();
    TestFiles.deleteTree(project.marketplace);
    npm.remove("/@acme/review");
    Cli.Result again = project.cli.run("lock", "install");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(npm.hits("/@acme/review")).isEqualTo(1);
    assertThat(npm.hits("/@acme/review/-/review-1.2.0.tgz")).isEqualTo(2);
    assertThat(project.cli.run("lock", "check").exitCode()).isZero();

    // Offline, from the package store.
    TestFiles.deleteTree(project.installed("review"));
    Cli.Result offline = project.cli.run("--offline", "lock", "install");
    assertThat(offline.exitCode()).as(offline.toString()).isZero();
    assertThat(npm.hits("/@acme/review/-/review-1.2.0.tgz")).isEqualTo(2);
    assertThat(project.cli.run("lock", "check").exitCode()).isZero();
  }

  @Test
  void theRangePicksTheHighestMatchingVersionAndPluginJsonGivesTheVersion() {
    latest.put("plain-review", "1.0.0");
    publish(npm, "plain-review", "1.0.0", "1.0.0", null);
    publish(npm, "plain-review", "2.0.1", "2.0.1", null);
    publish(npm, "plain-review", "2.1.0", "2.1.0", null);
    publish(npm, "plain-review", "3.0.0", "3.0.0", null);
    project.local(entry("review", "plain-review", "~2.0", npm.url("/")),
        "{\"name\": \"pinned\", \"version\": \"9.9.9\", \"source\": {\"source\": \"npm\", \"package\": \"plain-review@3.0.0\","
            + " \"registry\": \"" + npm.url("/") + "\"}}");

    assertThat(project.cli.run("install", "review", "pinned").exitCode()).isZero();
    assertThat(project.locked("review").version()).isEqualTo("2.0.1");
    assertThat(project.locked("review").resolved()).endsWith("#plain-review@2.0.1");
    // plugin.json (3.0.0) wins over the entry's version (9.9.9), as in Claude Code.
    assertThat(project.locked("pinned").version()).isEqualTo("3.0.0");
    assertThat(project.cli.run("lock", "check").exitCode()).isZero();
  }

  @Test
  void aTarballThatDoesNotMatchItsIntegrityInstallsNothing() {
    publish(npm, "bad-review", "1.0.0", null, Integrity.of("something else".getBytes(StandardCharsets.UTF_8), "sha512-x"));
    project.local(entry("review", "bad-review", null, npm.url("")));

    Cli.Result install = project.cli.run("install", "review");
    assertThat(install.exitCode()).as(install.toString()).isEqualTo(1);
    assertThat(install.stderr()).contains("the npm tarball of `review` (bad-review@1.0.0")
        .contains("does not match its `integrity`").contains("nothing was installed");
    assertThat(project.nothingInstalled("review")).isTrue();
  }

  @Test
  void noMatchingVersionNamesWhatIsPublished() {
    publish(npm, "old-review", "1.0.0", null, null);
    project.local(entry("review", "old-review", "^4", npm.url("")));
    Cli.Result install = project.cli.run("install", "review");
    assertThat(install.exitCode()).as(install.toString()).isEqualTo(3);
    assertThat(install.stderr()).contains("no version of the npm package `old-review` matches `^4` (published: 1.0.0)");
    assertThat(project.nothingInstalled("review")).isTrue();
  }

  @Test
  void registryCredentialsGoOnlyToTheRegistrysOwnOrigin() {
    try (Packages.Server registry = new Packages.Server()) {
      publish(npm, "elsewhere", "1.0.0", null, null);
      publish(registry, "sameorigin", "1.0.0", null, null);
      registry.serve("/marketplace.json", SourceProject.marketplaceJson(
          entry("elsewhere", "elsewhere", null, npm.url("")), entry("sameorigin", "sameorigin", null, registry.url("")))
          .getBytes(StandardCharsets.UTF_8));
      project.registry(registry.url("/marketplace.json"), "token:MARKET_TOKEN");
      project.cli.env("MARKET_TOKEN", TOKEN);

      Cli.Result install = project.cli.run("install", "elsewhere", "sameorigin");
      assertThat(install.exitCode()).as(install.toString()).isZero();
      assertThat(npm.authorization("/elsewhere")).isEmpty();
      assertThat(npm.authorization("/elsewhere/-/elsewhere-1.0.0.tgz")).isEmpty();
      assertThat(registry.authorization("/sameorigin")).isEqualTo("Bearer " + TOKEN);
      assertThat(registry.authorization("/sameorigin/-/sameorigin-1.0.0.tgz")).isEqualTo("Bearer " + TOKEN);
      assertThat(TestFiles.read(project.project.resolve("plugin-lock.json"))).doesNotContain(TOKEN);
    }
  }
}
