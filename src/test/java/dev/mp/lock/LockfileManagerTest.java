package dev.mp.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.Federation;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.install.InstallPlan;
import dev.mp.install.Packages;
import dev.mp.integrity.TreeHash;
import dev.mp.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockfileManagerTest {
  private static final String OTHER_INTEGRITY = "sha512-" + "A".repeat(86) + "==";

  @TempDir Path temp;
  private Path project;
  private Path installed;

  private Federation federation() {
    return new Federation(Packages.context(project, temp.resolve("cache"), Map.of(), Reporter.SILENT));
  }

  @BeforeEach
  void installAlphaAndGamma() throws Exception {
    project = Files.createDirectories(temp.resolve("project"));
    installed = project.resolve(".claude/plugins");
    Path alpha = Packages.plugin(project.resolve("plugins/alpha"), "alpha", "1.0.0");
    Path gamma = Packages.plugin(project.resolve("plugins/gamma"), "gamma", "1.2.0");
    federation().install(InstallPlan.of(List.of(
        Packages.fromFolder("alpha", "1.0.0", alpha, null),
        Packages.fromFolder("gamma", "1.2.0", gamma, null, "alpha")), Map.of("gamma", "*")));
  }

  private void editLockfile(String from, String to) throws Exception {
    Path file = project.resolve("plugin-lock.json");
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  private List<String> drifts() {
    return federation().lockCheck().drifts().stream().map(d -> d.kind() + " " + d.plugin()).toList();
  }

  @Test
  void aFreshInstallHasNoDrift() {
    LockCheckResult result = federation().lockCheck();
    assertThat(result.clean()).isTrue();
    assertThat(result.lockedPlugins()).isEqualTo(2);
  }

  @Test
  void reportsAVersionMismatch() throws Exception {
    editLockfile("\"version\": \"1.2.0\"", "\"version\": \"1.3.0\"");
    LockCheckResult result = federation().lockCheck();
    assertThat(result.drifts()).singleElement().isInstanceOfSatisfying(Drift.VersionMismatch.class, d -> {
      assertThat(d.plugin()).isEqualTo("gamma");
      assertThat(d.describe()).isEqualTo("`gamma`: version 1.2.0 is installed, the lockfile pins 1.3.0");
    });
  }

  @Test
  void reportsAnIntegrityMismatch() throws Exception {
    String integrity = TreeHash.of(installed.resolve("alpha"));
    editLockfile(integrity, OTHER_INTEGRITY);
    assertThat(drifts()).containsExactly("integrity-mismatch alpha");
  }

  @Test
  void reportsASourceMismatch() throws Exception {
    editLockfile("\"source\": \"local\",\n      \"version\": \"1.2.0\"", "\"source\": \"team\",\n      \"version\": \"1.2.0\"");
    editLockfile("\"local\": \"./plugins\"", "\"local\": \"./plugins\",\n    \"team\": \"https://plugins.team.dev/index.json\"");
    assertThat(federation().lockCheck().drifts()).singleElement().isInstanceOfSatisfying(Drift.SourceMismatch.class,
        d -> assertThat(d.describe()).isEqualTo("`gamma`: installed from registry `local`, the lockfile says `team`"));
  }

  @Test
  void reportsMissingAndUnlockedPlugins() throws Exception {
    TestFiles.copyTree(installed.resolve("alpha"), installed.resolve("stray"));
    dev.mp.install.Snapshot.of(installed);
    deleteTree(installed.resolve("gamma"));
    assertThat(drifts()).containsExactly("missing gamma", "unlocked stray");
  }

  @Test
  void namesTheFilesChangedAddedAndRemovedInsideAPlugin() throws Exception {
    TestFiles.write(installed.resolve("alpha/commands/alpha.md"), "edited by hand\n");
    TestFiles.write(installed.resolve("alpha/commands/extra.md"), "new\n");
    Files.delete(installed.resolve("alpha/.claude-plugin/plugin.json"));
    Files.setPosixFilePermissions(installed.resolve("gamma/scripts/run.sh"), PosixFilePermissions.fromString("rw-r--r--"));
    LockCheckResult result = federation().lockCheck();
    assertThat(result.drifts()).hasSize(2);
    Drift.FilesChanged alpha = (Drift.FilesChanged) result.drifts().get(0);
    assertThat(alpha.changed()).containsExactly("commands/alpha.md");
    assertThat(alpha.added()).containsExactly("commands/extra.md");
    assertThat(alpha.removed()).containsExactly(".claude-plugin/plugin.json");
    Drift.FilesChanged gamma = (Drift.FilesChanged) result.drifts().get(1);
    assertThat(gamma.changed()).containsExactly("scripts/run.sh");
  }

  @Test
  void aSecondCheckWithNothingChangedReadsNoFileContent() throws Exception {
    // Entries hashed within the racy window of their mtime are not trusted; wait it out once.
    Thread.sleep(StatCache.RACY_MARGIN_MILLIS + 100);
    LockCheckResult first = federation().lockCheck();
    assertThat(first.hashedFiles()).isEqualTo(6);
    LockCheckResult second = federation().lockCheck();
    assertThat(second.hashedFiles()).isZero();
    assertThat(second.cachedFiles()).isEqualTo(6);
    assertThat(second.clean()).isTrue();

    TestFiles.write(installed.resolve("alpha/commands/alpha.md"), "changed\n");
    LockCheckResult third = federation().lockCheck();
    assertThat(third.hashedFiles()).isEqualTo(1);
    assertThat(third.drifts()).extracting(Drift::kind).containsExactly("files-changed");
  }

  @Test
  void aFileChangedRightAfterItWasHashedIsHashedAgain() throws Exception {
    assertThat(federation().lockCheck().hashedFiles()).isEqualTo(6);
    // Same size, within the racy window: the stat may look unchanged on a coarse clock; never trusted.
    Path file = installed.resolve("alpha/commands/alpha.md");
    byte[] bytes = Files.readAllBytes(file);
    bytes[0] = (byte) (bytes[0] == 'x' ? 'y' : 'x');
    var mtime = Files.getLastModifiedTime(file);
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, mtime);
    LockCheckResult result = federation().lockCheck();
    assertThat(result.drifts()).extracting(Drift::kind).containsExactly("files-changed");
  }

  @Test
  void generateWritesTheSameLockfileFromTheInstalledState() throws Exception {
    byte[] installedLock = Files.readAllBytes(project.resolve("plugin-lock.json"));
    Files.delete(project.resolve("plugin-lock.json"));
    LockGenerateResult result = federation().lockGenerate();
    assertThat(result.written()).isTrue();
    assertThat(Files.readAllBytes(project.resolve("plugin-lock.json"))).isEqualTo(installedLock);
    assertThat(federation().lockGenerate().written()).isFalse();
  }

  @Test
  void upgradesAVersionOneLockfileOnTheNextWrite() throws Exception {
    String alpha = TreeHash.of(installed.resolve("alpha"));
    String gamma = TreeHash.of(installed.resolve("gamma"));
    Files.writeString(project.resolve("plugin-lock.json"), """
        {"lockVersion": 1, "generatedAt": "2026-01-01T00:00:00Z", "plugins": {
          "alpha": {"version": "1.0.0", "integrity": "%s", "source": "local", "resolved": "./plugins/alpha",
                    "installedAt": "2026-01-01T00:00:00Z"},
          "gamma": {"version": "1.2.0", "integrity": "%s", "source": "local", "resolved": "./plugins/gamma",
                    "dependencies": ["alpha"], "installedAt": "2026-01-01T00:00:00Z"}}}
        """.formatted(alpha, gamma));
    assertThat(federation().lockCheck().clean()).isTrue();
    LockGenerateResult result = federation().lockGenerate();
    assertThat(result.previousVersion()).isEqualTo(1);
    String upgraded = Files.readString(project.resolve("plugin-lock.json"), StandardCharsets.UTF_8);
    assertThat(upgraded).contains("\"lockVersion\": 2", "\"requested\": {\n    \"gamma\": \"*\"")
        .doesNotContain("generatedAt", "installedAt");
  }

  @Test
  void lockInstallRestoresExactlyTheLockfileAndRemovesExtraneousPlugins() throws Exception {
    byte[] lock = Files.readAllBytes(project.resolve("plugin-lock.json"));
    Map<String, String> expected = dev.mp.install.Snapshot.of(installed);
    TestFiles.write(installed.resolve("alpha/commands/alpha.md"), "edited\n");
    deleteTree(installed.resolve("gamma"));
    TestFiles.copyTree(project.resolve("plugins/alpha"), installed.resolve("stray"));

    InstallResult result = federation().lockInstall();

    assertThat(result.changes()).extracting(c -> c.plugin() + " " + c.action())
        .containsExactly("alpha reinstalled", "gamma added", "stray removed");
    assertThat(dev.mp.install.Snapshot.of(installed)).isEqualTo(expected);
    assertThat(Files.readAllBytes(project.resolve("plugin-lock.json"))).isEqualTo(lock);
    assertThat(federation().lockCheck().clean()).isTrue();
  }

  @Test
  void lockInstallIsAllOrNothing() throws Exception {
    Map<String, String> before = dev.mp.install.Snapshot.of(installed);
    TestFiles.write(project.resolve("plugins/gamma/commands/gamma.md"), "the registry copy changed\n");
    assertThatThrownBy(() -> federation().lockInstall())
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY_MISMATCH));
    assertThat(dev.mp.install.Snapshot.of(installed)).isEqualTo(before);
  }

  @Test
  void checkWithoutALockfileSaysHowToMakeOne() throws Exception {
    Files.delete(project.resolve("plugin-lock.json"));
    assertThatThrownBy(() -> federation().lockCheck())
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.LOCKFILE_ERROR);
          assertThat(e.hint()).contains("mp lock generate");
        });
  }

  private static void deleteTree(Path root) throws Exception {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
