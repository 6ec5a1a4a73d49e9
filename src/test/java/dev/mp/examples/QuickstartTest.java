package dev.mp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command on a copy of {@code examples/quickstart}: it resolves across the three
 * registries, enforces the policy, installs and writes a lockfile byte-identical to the committed one,
 * with no network, and running it again changes nothing.
 */
class QuickstartTest {
  private static final Path EXAMPLE = Path.of("examples/quickstart");

  @TempDir Path temp;
  private Path project;
  private Cli cli;

  @BeforeEach
  void copyTheExample() throws Exception {
    // Where it sits in the repository: Claude Code resolves the settings' relative path from the
    // repository root, so the committed `.claude/settings.json` names `./examples/quickstart/...`.
    Path repository = temp.resolve("repository");
    Files.createDirectories(repository);
    Process git = new ProcessBuilder("git", "init", "-q", repository.toString()).redirectErrorStream(true).start();
    assertThat(git.waitFor()).isZero();
    project = repository.resolve("examples/quickstart");
    TestFiles.copyQuickstart(Path.of(""), project);
    // Written by the install below: the test checks it comes out as committed.
    TestFiles.deleteTree(project.resolve(".claude/settings.json"));
    cli = new Cli(project, temp.resolve("cache"));
  }

  @Test
  void theMainCommandInstallsAndWritesTheCommittedLockfileTwice() throws Exception {
    byte[] committed = Files.readAllBytes(EXAMPLE.resolve("plugin-lock.json"));
    Cli.Result first = cli.run("--offline", "install");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(Files.readAllBytes(project.resolve("plugin-lock.json"))).isEqualTo(committed);
    assertThat(project.resolve(".claude/plugins/review-bot/commands/review.md")).exists();
    assertThat(project.resolve(".claude/plugins/.claude-plugin/marketplace.json")).exists();
    assertThat(Files.readAllBytes(project.resolve(".claude/settings.json")))
        .isEqualTo(Files.readAllBytes(EXAMPLE.resolve(".claude/settings.json")));

    Cli.Result second = cli.run("--offline", "install");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.stderr()).contains("`plugin-lock.json` unchanged");
    assertThat(Files.readAllBytes(project.resolve("plugin-lock.json"))).isEqualTo(committed);

    assertThat(cli.run("lock", "check").exitCode()).isZero();
    assertThat(cli.run("policy", "enforce").exitCode()).isZero();
  }

  @Test
  void installingByNameFromScratchGivesTheSameLockfile() throws Exception {
    Files.delete(project.resolve("plugin-lock.json"));
    Cli.Result result = cli.run("install", "review-bot", "deploy-helper@^1.2", "changelog-writer");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(Files.readAllBytes(project.resolve("plugin-lock.json")))
        .isEqualTo(Files.readAllBytes(EXAMPLE.resolve("plugin-lock.json")));
    assertThat(result.stderr()).contains("warning: conflict: `code-style` has different content in `local` 1.0.0");
    assertThat(TestFiles.read(project.resolve(".claude/federation-audit.jsonl")))
        .contains("\"event\":\"conflict\",\"plugin\":\"code-style\"", "\"outcome\":\"local\"");
  }

  @Test
  void thePolicyKeepsTheBackdoorOutAndRecordsTheDenial() {
    Cli.Result result = cli.run("install", "sql-backdoor");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("error: the policy denies `sql-backdoor`");
    assertThat(project.resolve(".claude/plugins")).doesNotExist();
    assertThat(TestFiles.read(project.resolve(".claude/federation-audit.jsonl")))
        .contains("\"event\":\"policy-denied\",\"plugin\":\"sql-backdoor\"");
    Cli.Result allowListed = cli.run("policy", "check", "fancy-theme");
    assertThat(allowListed.exitCode()).isEqualTo(1);
    assertThat(allowListed.stdout()).contains("registry mode `allow-listed` of `community`");
  }
}
