package dev.mp.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.install.Packages;
import dev.mp.integrity.TreeHash;
import dev.mp.io.Sha256;
import dev.mp.lock.LockedPlugin;
import dev.mp.registry.ClaudeVersions;
import dev.mp.testing.Cli;
import dev.mp.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code's {@code archive} source end to end: zip and tar.gz archives served on loopback, their
 * {@code sha256} checked before extraction, the version as Claude Code gives it, {@code lock install}
 * from the lockfile alone re-verifying the digest.
 */
class ArchiveSourceFlowTest {
  @TempDir Path temp;
  private SourceProject project;
  private Packages.Server server;

  @BeforeEach
  void start() {
    project = new SourceProject(temp);
    server = new Packages.Server();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A plugin folder whose plugin.json names no version (so the archive's digest is its version). */
  private Path unversioned(String name, String text) {
    Path folder = temp.resolve("src").resolve(name);
    TestFiles.write(folder.resolve(".claude-plugin/plugin.json"), "{\"name\": \"" + name + "\", \"description\": \"d\"}\n");
    TestFiles.write(folder.resolve("commands/" + name + ".md"), text);
    return folder;
  }

  private static String entry(String name, String url, String sha256) {
    return "{\"name\": \"" + name + "\", \"source\": {\"source\": \"archive\", \"url\": \"" + url + "\""
        + (sha256 == null ? "" : ", \"sha256\": \"" + sha256 + "\"") + "}}";
  }

  @Test
  void aZipWithItsSha256InstallsAndLockInstallVerifiesItFromTheLockfileAlone() {
    Path folder = Packages.plugin(temp.resolve("src/zipper"), "zipper", "1.4.0");
    byte[] zip = Packages.zip(Packages.entriesOf(folder, "zipper-1.4.0/"));
    server.serve("/zipper.zip", zip);
    String sha256 = Sha256.hex(zip);
    project.local(entry("zipper", server.url("/zipper.zip"), sha256));

    Cli.Result install = project.cli.run("install", "zipper");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    LockedPlugin locked = project.locked("zipper");
    assertThat(locked.version()).isEqualTo("1.4.0");
    assertThat(locked.resolved()).isEqualTo(server.url("/zipper.zip"));
    assertThat(locked.archiveIntegrity()).isEqualTo(ClaudeVersions.sha256Integrity(sha256));
    assertThat(locked.integrity()).isEqualTo(TreeHash.of(folder));
    assertThat(TreeHash.of(project.installed("zipper"))).isEqualTo(TreeHash.of(folder));
    assertThat(project.cli.run("lock", "check").exitCode()).isZero();

    project.forgetAllButTheLockfile();
    TestFiles.deleteTree(project.marketplace);
    Cli.Result again = project.cli.run("lock", "install");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(server.hits("/zipper.zip")).isEqualTo(2);
    assertThat(project.cli.run("lock", "check").exitCode()).isZero();

    // The same URL now serves other bytes: `lock install` refuses them before extracting anything.
    project.forgetAllButTheLockfile();
    server.serve("/zipper.zip", Packages.zip(Packages.entriesOf(unversioned("zipper", "changed\n"), "zipper/")));
    Cli.Result tampered = project.cli.run("lock", "install");
    assertThat(tampered.exitCode()).as(tampered.toString()).isEqualTo(1);
    assertThat(tampered.stderr()).contains("does not match its `archiveIntegrity`")
        .contains(ClaudeVersions.sha256Integrity(sha256));
    assertThat(project.installed("zipper")).doesNotExist();
  }

  @Test
  void aTarGzWithoutSha256IsVersionedByItsDigestWhichTheLockfileThenPins() {
    byte[] tgz = Packages.tgz(Packages.entriesOf(unversioned("tarred", "# tarred\n"), "package/"));
    server.serve("/tarred.tar.gz", tgz);
    project.local(entry("tarred", server.url("/tarred.tar.gz"), null));

    Cli.Result resolve = project.cli.run("resolve", "tarred");
    assertThat(resolve.stdout()).contains("tarred").contains("unknown");
    Cli.Result install = project.cli.run("install", "tarred");
    assertThat(install.exitCode()).as(install.toString()).isZero();
    LockedPlugin locked = project.locked("tarred");
    // Claude Code versions such a plugin by the first 12 hex digits of the archive's SHA-256.
    assertThat(locked.version()).isEqualTo(Sha256.hex(tgz).substring(0, 12));
    assertThat(locked.archiveIntegrity()).isEqualTo(ClaudeVersions.sha256Integrity(Sha256.hex(tgz)));
    assertThat(project.installed("tarred").resolve("commands/tarred.md")).hasContent("# tarred");
    assertThat(project.cli.run("lock", "check").exitCode()).isZero();

    project.forgetAllButTheLockfile();
    assertThat(project.cli.run("lock", "install").exitCode()).isZero();
    assertThat(project.cli.run("lock", "check").exitCode()).isZero();
  }

  @Test
  void aWrongSha256InstallsNothing() {
    byte[] zip = Packages.zip(Packages.entriesOf(unversioned("wrong", "x\n"), ""));
    server.serve("/wrong.zip", zip);
    project.local(entry("wrong", server.url("/wrong.zip"), Sha256.hex("other bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8))));

    Cli.Result install = project.cli.run("install", "wrong");
    assertThat(install.exitCode()).as(install.toString()).isEqualTo(1);
    assertThat(install.stderr()).contains("error: archive of `wrong`").contains("does not match its `archiveIntegrity`")
        .contains("nothing was installed");
    assertThat(project.nothingInstalled("wrong")).isTrue();
  }

  @Test
  void aTruncatedBodyInstallsNothing() {
    byte[] zip = Packages.zip(Packages.entriesOf(unversioned("cut", "x".repeat(20_000)), ""));
    server.truncate("/cut.zip", zip, zip.length / 2);
    project.local(entry("cut", server.url("/cut.zip"), Sha256.hex(zip)), entry("cut-unpinned", server.url("/cut.zip"), null));

    for (String name : new String[] {"cut", "cut-unpinned"}) {
      Cli.Result install = project.cli.run("install", name);
      assertThat(install.exitCode()).as(install.toString()).isEqualTo(3);
      assertThat(install.stderr()).contains("failed to download `" + server.url("/cut.zip") + "`");
      assertThat(project.nothingInstalled(name)).isTrue();
    }
  }

  @Test
  void anArchiveOverPlainHttpToAnotherHostIsListedButNotInstallable() {
    project.local(entry("plain", "http://plugins.example.com/plain.zip", null));
    Cli.Result install = project.cli.run("install", "plain");
    assertThat(install.exitCode()).as(install.toString()).isEqualTo(3);
    assertThat(install.stderr()).contains("plugin `plain`: `url` `http://plugins.example.com/plain.zip` uses plain `http://`")
        .contains("`plain` from `market` cannot be installed").contains("--prefer plain=REGISTRY");
    assertThat(project.nothingInstalled("plain")).isTrue();
  }
}
