package dev.mp.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.install.Packages;
import dev.mp.integrity.TreeHash;
import dev.mp.lock.LockedPlugin;
import dev.mp.registry.ClaudeVersions;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git sources end to end with repositories made in the test: versions as Claude Code computes them
 * (the 12-digit commit, a git-subdir's path digest, plugin.json first, a ref never), ranges over
 * {@code <name>--v<version>} tags, {@code file://} URLs and local paths from a local marketplace only,
 * a locked ref kept at its commit, {@code lock install} from the lockfile alone.
 */
class GitSourceFlowTest {
  @TempDir Path temp;
  private Path home;
  private SourceProject project;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(temp.resolve("git-home"));
    project = new SourceProject(temp);
  }

  /** Writes the plugin's files into {@code folder}; its plugin.json names {@code version} (or none). */
  private static void plugin(Path folder, String name, String version, String text) {
    TestFiles.write(folder.resolve(".claude-plugin/plugin.json"), "{\"name\": \"" + name + "\""
        + (version == null ? "" : ", \"version\": \"" + version + "\"") + ", \"description\": \"" + name + "\"}\n");
    TestFiles.write(folder.resolve("commands/" + name + ".md"), text);
  }

  /** Commits the plugin at {@code version} and tags it {@code <name>--v<version>} the way `claude plugin tag` does. */
  private String release(Path repo, String name, String version) {
    plugin(repo, name, version, "# " + name + " " + version + "\n");
    Packages.commitAll(repo, home, name + " " + version);
    Packages.git(repo, home, "tag", "-a", name + "--v" + version, "-m", name + " " + version);
    return Packages.git(repo, home, "rev-parse", "HEAD");
  }

  private static String url(Path repo) {
    return "file://" + repo.toAbsolutePath();
  }

  @Test
  void aFileUrlInstallsAtTheCommitWhoseFirst12DigitsAreTheVersion() {
    Path repo = temp.resolve("repos/review");
    plugin(repo, "review", null, "# review\n");
    String commit = Packages.commitAll(repo, home, "first");
    project.local("{\"name\": \"review\", \"source\": {\"source\": \"url\", \"url\": \"" + url(repo) + "\"}}");

    assertThat(project.cli.run("resolve", "review").stdout()).contains("unknown");
    Cli.Result install = project.cli.run("install", "review");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    LockedPlugin locked = project.locked("review");
    assertThat(locked.version()).isEqualTo(commit.substring(0, 12));
    assertThat(locked.resolved()).isEqualTo("git+" + url(repo) + "#" + commit);
    assertThat(TestFiles.read(project.project.resolve(".claude/plugins/.claude-plugin/marketplace.json")))
        .contains("\"version\": \"" + commit.substring(0, 12) + "\"");
    assertThat(project.cli.run("lock", "check").exitCode()).isZero();

    project.forgetAllButTheLockfile();
    TestFiles.deleteTree(project.marketplace);
    Cli.Result again = project.cli.run("lock", "install");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(project.cli.run("lock", "check").exitCode()).isZero();
    assertThat(TreeHash.of(project.installed("review"))).isEqualTo(locked.integrity());
  }

  @Test
  void aLocalPathIsAcceptedFromALocalMarketplaceWithAWarningAndLockedRelativeToTheProject() {
    Path repo = project.project.resolve("vendor/lint");
    plugin(repo, "lint", "0.4.0", "# lint\n");
    String commit = Packages.commitAll(repo, home, "first");
    TestFiles.write(repo.resolveSibling("keep.txt"), "x\n");
    project.local("{\"name\": \"lint\", \"source\": {\"source\": \"url\", \"url\": \"../project/vendor/lint\"}}");

    Cli.Result install = project.cli.run("install", "lint");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(install.stderr()).contains("Claude Code accepts only a `file://` URL; write `file://" + repo + "`");
    assertThat(project.locked("lint").version()).isEqualTo("0.4.0");
    assertThat(project.locked("lint").resolved()).isEqualTo("git+./vendor/lint#" + commit);
    project.forgetAllButTheLockfile();
    assertThat(project.cli.run("lock", "install").exitCode()).isZero();
    assertThat(project.cli.run("lock", "check").exitCode()).isZero();
  }

  @Test
  void aRangeResolvesToTheHighestMatchingReleaseTagAndTheLockfilePinsItsCommit() {
    Path repo = temp.resolve("repos/stripe");
    release(repo, "stripe", "1.0.0");
    String v12 = release(repo, "stripe", "1.2.0");
    release(repo, "stripe", "2.0.0");
    plugin(repo, "stripe", null, "# unreleased\n");
    String head = Packages.commitAll(repo, home, "unreleased work");
    project.local("{\"name\": \"stripe\", \"source\": {\"source\": \"url\", \"url\": \"" + url(repo)
        + "\", \"ref\": \"main\"}}");

    Cli.Result resolve = project.cli.run("resolve", "stripe@^1");
    assertThat(resolve.exitCode()).as(resolve.toString()).isZero();
    assertThat(resolve.stdout()).containsPattern("stripe +1\\.2\\.0 +market");
    Cli.Result install = project.cli.run("install", "stripe@^1");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(project.locked("stripe").version()).isEqualTo("1.2.0");
    assertThat(project.locked("stripe").resolved()).isEqualTo("git+" + url(repo) + "#" + v12);
    assertThat(project.installed("stripe").resolve("commands/stripe.md")).hasContent("# stripe 1.2.0");
    assertThat(project.lockfile().requested()).containsEntry("stripe", "^1");

    Cli.Result none = project.cli.run("resolve", "stripe@^3");
    assertThat(none.exitCode()).as(none.toString()).isEqualTo(3);
    assertThat(none.stderr()).contains("2.0.0").contains("1.2.0").doesNotContain("main");

    // Without a range, the entry's ref: main's head, versioned by its commit.
    Cli.Result latest = project.cli.run("install", "stripe");
    assertThat(latest.exitCode()).as(latest.toString()).isZero();
    assertThat(project.locked("stripe").version()).isEqualTo(head.substring(0, 12));
  }

  @Test
  void aLockedRefStaysAtItsCommitWhenAnotherPluginIsInstalled() {
    Path repo = temp.resolve("repos/follow");
    plugin(repo, "follow", "1.0.0", "# first\n");
    String first = Packages.commitAll(repo, home, "first");
    Path other = temp.resolve("repos/other");
    plugin(other, "other", "1.0.0", "# other\n");
    Packages.commitAll(other, home, "first");
    project.local("{\"name\": \"follow\", \"source\": {\"source\": \"url\", \"url\": \"" + url(repo) + "\", \"ref\": \"main\"}}",
        "{\"name\": \"other\", \"source\": {\"source\": \"url\", \"url\": \"" + url(other) + "\"}}");
    assertThat(project.cli.run("install", "follow").exitCode()).isZero();

    plugin(repo, "follow", "1.1.0", "# moved on\n");
    Packages.commitAll(repo, home, "second");
    Cli.Result install = project.cli.run("install", "other");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    assertThat(project.locked("follow").resolved()).endsWith("#" + first);
    assertThat(project.locked("follow").version()).isEqualTo("1.0.0");
    assertThat(project.installed("follow").resolve("commands/follow.md")).hasContent("# first");

    // Named again, it follows its ref.
    assertThat(project.cli.run("install", "follow").exitCode()).isZero();
    assertThat(project.locked("follow").version()).isEqualTo("1.1.0");
  }

  @Test
  void aGitSubdirIsVersionedByItsCommitAndItsPathsDigest() {
    Path repo = temp.resolve("repos/mono");
    plugin(repo.resolve("tools/p"), "p", null, "# p\n");
    TestFiles.write(repo.resolve("README.md"), "monorepo\n");
    String commit = Packages.commitAll(repo, home, "first");
    project.local("{\"name\": \"p\", \"source\": {\"source\": \"git-subdir\", \"url\": \"" + url(repo)
        + "\", \"path\": \"./tools/p/\", \"sha\": \"" + commit + "\"}}");

    assertThat(project.cli.run("resolve", "p").stdout()).contains(commit.substring(0, 12) + "-7a72d72a");
    assertThat(project.cli.run("install", "p").exitCode()).isZero();
    assertThat(project.locked("p").version()).isEqualTo(ClaudeVersions.ofCommit(commit, "7a72d72a"));
    assertThat(project.locked("p").resolved()).isEqualTo("git+" + url(repo) + "#" + commit + ":tools/p");
    assertThat(project.installed("p").resolve("README.md")).doesNotExist();
  }

  @Test
  void aRemoteRegistryMayNotNameARepositoryOnThisMachine() {
    Path repo = temp.resolve("repos/secret");
    plugin(repo, "secret", "1.0.0", "# secret\n");
    Packages.commitAll(repo, home, "first");
    try (Packages.Server server = new Packages.Server()) {
      server.serve("/marketplace.json", SourceProject.marketplaceJson(
          "{\"name\": \"secret\", \"source\": {\"source\": \"url\", \"url\": \"" + url(repo) + "\"}}")
          .getBytes(StandardCharsets.UTF_8));
      project.registry(server.url("/marketplace.json"), null);
      Cli.Result install = project.cli.run("install", "secret");
      assertThat(install.exitCode()).as(install.toString()).isEqualTo(3);
      assertThat(install.stderr()).contains("only a local registry may").contains("`secret` from `market` cannot be installed")
          .contains("--prefer secret=REGISTRY");
      assertThat(project.nothingInstalled("secret")).isTrue();
    }
  }

  @Test
  void aCommandSourceIsListedAndNeverRun() {
    Path marker = temp.resolve("ran");
    project.local("{\"name\": \"ide\", \"source\": {\"source\": \"command\", \"command\": \"touch " + marker + "\"}}");
    Cli.Result search = project.cli.run("--json", "resolve", "ide");
    assertThat(search.exitCode()).as(search.toString()).isZero();
    assertThat(search.json().at("/plugins/0/sourceKind").asText()).isEqualTo("command");
    assertThat(search.json().at("/plugins/0/installable").asBoolean()).isFalse();
    Cli.Result install = project.cli.run("install", "ide");
    assertThat(install.exitCode()).as(install.toString()).isEqualTo(3);
    assertThat(install.stderr()).contains("`ide` from `market` cannot be installed")
        .contains("mp never runs commands from a registry").contains("--prefer ide=REGISTRY");
    assertThat(marker).doesNotExist();
    assertThat(project.nothingInstalled("ide")).isTrue();
  }
}
