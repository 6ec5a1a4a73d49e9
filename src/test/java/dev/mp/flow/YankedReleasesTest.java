package dev.mp.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Yanked releases, cargo's way, end to end through the command line: {@code registry build} publishes,
 * {@code registry yank} withdraws; new resolutions skip a yanked release (and {@code --explain} says
 * so), a request only a yanked release satisfies fails saying it was yanked, and a lockfile that pins
 * one still installs it, with a warning.
 */
class YankedReleasesTest {
  @TempDir Path temp;
  private Cli cli;
  private Path index;

  @BeforeEach
  void registry() {
    Path project = temp.resolve("project");
    TestFiles.write(project.resolve(".claude/registries.json"), "{\"registries\": []}\n");
    cli = new Cli(project, temp.resolve("cache"));
    for (String version : new String[] {"1.0.0", "1.1.0"}) {
      plugin("alpha", version, "");
    }
    plugin("app", "1.0.0", ", \"dependencies\": [{\"name\": \"alpha\", \"version\": \"~1.1.0\"}]");
    Cli.Result built = cli.run("registry", "build", "../src/alpha-1.0.0", "../src/alpha-1.1.0", "../src/app-1.0.0",
        "--out", "../registry");
    assertThat(built.exitCode()).as(built.toString()).isZero();
    index = temp.resolve("registry/index.json");
    TestFiles.write(project.resolve(".claude/registries.json"),
        "{\"registries\": [{\"name\": \"team\", \"url\": \"" + index + "\", \"priority\": 10}]}\n");
  }

  private void plugin(String name, String version, String extra) {
    Path root = temp.resolve("src/" + name + "-" + version);
    TestFiles.write(root.resolve(".claude-plugin/plugin.json"),
        "{\"name\": \"" + name + "\", \"version\": \"" + version + "\"" + extra + "}\n");
    TestFiles.write(root.resolve("commands/" + name + ".md"), "# " + name + " " + version + "\n");
  }

  private Cli.Result ok(String... args) {
    Cli.Result result = cli.run(args);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result;
  }

  private void yank(String release, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = "registry";
    args[1] = "yank";
    args[2] = release;
    args[3] = "--index=../registry/index.json";
    System.arraycopy(more, 0, args, 4, more.length);
    ok(args);
  }

  @Test
  void newResolutionsSkipAYankedReleaseAndExplainSaysSo() {
    yank("alpha@1.1.0", "--reason", "breaks hooks");

    Cli.Result resolved = ok("resolve", "alpha", "--explain");

    assertThat(resolved.stdout()).contains("alpha  1.0.0    team")
        .contains("team: offers 1.0.0, sha512-")
        .contains("(skipped yanked 1.1.0 (breaks hooks))");
  }

  @Test
  void aRequestThatOnlyAYankedReleaseSatisfiesFailsSayingSo() {
    yank("alpha@1.1.0", "--reason", "breaks hooks");

    Cli.Result requested = cli.run("resolve", "alpha@1.1.0");
    Cli.Result dependency = cli.run("resolve", "app");

    assertThat(requested.exitCode()).isEqualTo(3);
    assertThat(requested.stderr()).contains("no release of `alpha` in any registry satisfies `1.1.0`; yanked, so skipped:"
        + " 1.1.0 in `team` (breaks hooks)").contains("available: `team`: 1.1.0 (yanked), 1.0.0");
    assertThat(dependency.exitCode()).isEqualTo(1);
    assertThat(dependency.stderr()).contains("`alpha@~1.1.0` required by `app` 1.0.0")
        .contains("yanked, so skipped: 1.1.0 in `team` (breaks hooks)");
  }

  @Test
  void aLockfileThatPinsAYankedReleaseStillInstallsItWithAWarning() throws IOException {
    ok("install", "app");
    yank("alpha@1.1.0", "--reason", "breaks hooks");

    Cli.Result again = ok("install");
    assertThat(again.stderr()).contains("warning: `alpha` 1.1.0 is yanked in `team` (breaks hooks); kept because"
        + " `plugin-lock.json` pins it");
    assertThat(TestFiles.read(cli.project().resolve("plugin-lock.json"))).contains("\"version\": \"1.1.0\"");

    TestFiles.deleteTree(cli.project().resolve(".claude/plugins"));
    Cli.Result locked = ok("lock", "install");
    assertThat(locked.stderr()).contains("warning: `alpha` 1.1.0 is yanked in `team` (breaks hooks); installing it"
        + " because `plugin-lock.json` pins it");
    assertThat(Files.readString(cli.project().resolve(".claude/plugins/alpha/commands/alpha.md"))).isEqualTo("# alpha 1.1.0\n");
    ok("lock", "check");
  }

  @Test
  void askingForTheYankedPluginByNameMovesOffTheYankedRelease() {
    ok("install", "alpha");
    yank("alpha@1.1.0");

    Cli.Result moved = ok("install", "alpha");

    assertThat(moved.stderr()).contains("Updated `alpha` 1.1.0 → 1.0.0").doesNotContain("is yanked");
  }

  @Test
  void undoPublishesTheReleaseAgain() {
    yank("alpha@1.1.0");
    yank("alpha@1.1.0", "--undo");

    assertThat(ok("resolve", "alpha").stdout()).contains("alpha  1.1.0");
    assertThat(TestFiles.read(index)).doesNotContain("yanked");
  }
}
