package dev.mp.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.ErrorCode;
import dev.mp.Federation;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.integrity.Integrity;
import dev.mp.integrity.TreeHash;
import dev.mp.io.Json;
import dev.mp.lock.InstallResult;
import dev.mp.lock.Lockfile;
import dev.mp.lock.LockfileCodec;
import dev.mp.registry.PackageSource;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerTest {
  @TempDir Path temp;

  private Federation federation(Path project) {
    return new Federation(Packages.context(project, temp.resolve("cache"), Map.of(), Reporter.SILENT));
  }

  private Path project() throws Exception {
    return Files.createDirectories(temp.resolve("project"));
  }

  private static JsonNode json(Path file) throws Exception {
    return Json.mapper().readTree(Files.readAllBytes(file));
  }

  @Test
  void installsPluginsWithDependenciesAndKeepsTheMarketplaceTheLockfileAndTheState() throws Exception {
    Path project = project();
    Path alpha = Packages.plugin(project.resolve("plugins/alpha"), "alpha", "1.0.0");
    Path gamma = Packages.plugin(project.resolve("plugins/gamma"), "gamma", "1.2.0");
    InstallResult result = federation(project).install(InstallPlan.of(List.of(
        Packages.fromFolder("gamma", "1.2.0", gamma, TreeHash.of(gamma), "alpha"),
        Packages.fromFolder("alpha", "1.0.0", alpha, TreeHash.of(alpha))), Map.of("gamma", "^1")));

    assertThat(result.changes()).extracting(c -> c.plugin() + " " + c.action()).containsExactly("alpha added", "gamma added");
    Path installed = project.resolve(".claude/plugins");
    assertThat(TreeHash.of(installed.resolve("alpha"))).isEqualTo(TreeHash.of(alpha));
    assertThat(Files.isExecutable(installed.resolve("gamma/scripts/run.sh"))).isTrue();

    JsonNode marketplace = json(installed.resolve(".claude-plugin/marketplace.json"));
    assertThat(marketplace.get("name").asText()).isEqualTo("mp-project");
    assertThat(marketplace.at("/owner/name").asText()).isEqualTo("mp");
    assertThat(marketplace.get("plugins")).hasSize(2);
    assertThat(marketplace.at("/plugins/1/name").asText()).isEqualTo("gamma");
    assertThat(marketplace.at("/plugins/1/source").asText()).isEqualTo("./gamma");
    assertThat(marketplace.at("/plugins/1/version").asText()).isEqualTo("1.2.0");
    assertThat(marketplace.at("/plugins/1/description").asText()).isEqualTo("The gamma plugin");

    Lockfile lockfile = LockfileCodec.load(project.resolve("plugin-lock.json"), "plugin-lock.json").orElseThrow();
    assertThat(lockfile.requested()).containsExactly(Map.entry("gamma", "^1"));
    assertThat(lockfile.registries()).containsExactly(Map.entry("local", "./plugins"));
    assertThat(lockfile.plugins().get("gamma").dependencies()).containsExactly("alpha");
    assertThat(lockfile.plugins().get("alpha").resolved()).isEqualTo("./plugins/alpha");
    assertThat(lockfile.plugins().get("alpha").integrity()).isEqualTo(TreeHash.of(alpha));
    assertThat(installed.resolve(".mp-state.json")).exists();
  }

  @Test
  void uninstallRemovesThePluginAndOrphanedDependenciesButKeepsSharedOnes() throws Exception {
    Path project = project();
    Path alpha = Packages.plugin(project.resolve("plugins/alpha"), "alpha", "1.0.0");
    Path beta = Packages.plugin(project.resolve("plugins/beta"), "beta", "2.0.0");
    Path gamma = Packages.plugin(project.resolve("plugins/gamma"), "gamma", "1.2.0");
    Path delta = Packages.plugin(project.resolve("plugins/delta"), "delta", "0.1.0");
    Federation federation = federation(project);
    federation.install(InstallPlan.of(List.of(
        Packages.fromFolder("gamma", "1.2.0", gamma, null, "alpha", "beta"),
        Packages.fromFolder("delta", "0.1.0", delta, null, "alpha"),
        Packages.fromFolder("alpha", "1.0.0", alpha, null),
        Packages.fromFolder("beta", "2.0.0", beta, null)), Map.of("gamma", "*", "delta", "*")));

    InstallResult result = federation(project).uninstall(List.of("gamma"));

    assertThat(result.changes()).extracting(c -> c.plugin() + " " + c.action()).containsExactly("beta removed", "gamma removed");
    Path installed = project.resolve(".claude/plugins");
    assertThat(installed.resolve("gamma")).doesNotExist();
    assertThat(installed.resolve("beta")).doesNotExist();
    assertThat(installed.resolve("alpha")).exists();
    Lockfile lockfile = LockfileCodec.load(project.resolve("plugin-lock.json"), "x").orElseThrow();
    assertThat(lockfile.plugins().keySet()).containsExactly("alpha", "delta");
    assertThat(lockfile.requested().keySet()).containsExactly("delta");
    assertThat(json(installed.resolve(".claude-plugin/marketplace.json")).findValuesAsText("name"))
        .containsExactly("mp-project", "mp", "alpha", "delta");

    InstallResult kept = federation(project).uninstall(List.of("alpha"));
    assertThat(kept.changes()).isEmpty();
    assertThat(kept.keptAsDependencies()).containsExactly("alpha");
    assertThatThrownBy(() -> federation(project).uninstall(List.of("detla")))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
          assertThat(e.hint()).contains("did you mean `delta`?");
        });
  }

  @Test
  void aTamperedPackageInstallsNothingAndLeavesThePreviousStateIntact() throws Exception {
    Path project = project();
    Path alpha = Packages.plugin(project.resolve("plugins/alpha"), "alpha", "1.0.0");
    String integrity = TreeHash.of(alpha);
    federation(project).install(InstallPlan.of(List.of(Packages.fromFolder("alpha", "1.0.0", alpha, integrity)), Map.of("alpha", "*")));
    Map<String, String> before = Snapshot.of(project.resolve(".claude"));
    byte[] lockBefore = Files.readAllBytes(project.resolve("plugin-lock.json"));

    Path beta = Packages.plugin(project.resolve("plugins/beta"), "beta", "1.0.0");
    String betaIntegrity = TreeHash.of(beta);
    TestFiles.write(beta.resolve("commands/beta.md"), "tampered after publishing\n");
    Path upgraded = Packages.plugin(temp.resolve("alpha-2"), "alpha", "2.0.0");
    assertThatThrownBy(() -> federation(project).install(InstallPlan.of(List.of(
        Packages.fromFolder("alpha", "2.0.0", upgraded, TreeHash.of(upgraded)),
        Packages.fromFolder("beta", "1.0.0", beta, betaIntegrity)), Map.of("alpha", "*", "beta", "*"))))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY_MISMATCH);
          assertThat(e.exitCode()).isEqualTo(1);
          assertThat(e.getMessage()).contains("`beta` 1.0.0 from `local` does not match its integrity", betaIntegrity);
        });

    assertThat(Snapshot.of(project.resolve(".claude"))).isEqualTo(before);
    assertThat(Files.readAllBytes(project.resolve("plugin-lock.json"))).isEqualTo(lockBefore);
    try (var siblings = Files.list(project.resolve(".claude"))) {
      assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("mp-staging"));
    }
  }

  @Test
  void aTreeEditedInThePackageStoreIsRefusedAndNothingIsPlaced() throws Exception {
    Path source = Packages.plugin(temp.resolve("src/gamma"), "gamma", "1.2.0");
    String integrity = TreeHash.of(source);
    byte[] archive = Packages.tgz(Packages.entriesOf(source, "package/"));
    try (Packages.Server server = new Packages.Server()) {
      server.serve("/packages/gamma-1.2.0.tgz", archive);
      InstallPlan plan = new InstallPlan(List.of(Packages.fromArchive("gamma", "1.2.0",
          server.url("/packages/gamma-1.2.0.tgz"), integrity, Integrity.of(archive, "sha512-"))),
          new TreeMap<>(Map.of("gamma", "*")), registry -> java.util.Optional.empty());
      federation(Files.createDirectories(temp.resolve("one"))).install(plan);
      Path stored;
      try (var trees = Files.list(temp.resolve("cache/packages-v1/trees"))) {
        stored = trees.findFirst().orElseThrow();
      }
      Path manifest = stored.resolve(".claude-plugin/plugin.json");
      manifest.toFile().setWritable(true);
      Files.writeString(manifest, TestFiles.read(manifest) + " ");

      Path two = Files.createDirectories(temp.resolve("two"));
      assertThatThrownBy(() -> federation(two).install(plan))
          .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY_MISMATCH));
      assertThat(two.resolve(".claude/plugins/gamma")).doesNotExist();
      assertThat(two.resolve("plugin-lock.json")).doesNotExist();
    }
  }

  @Test
  void archivesComeFromTheStoreTheSecondTimeAndTheTokenStaysOnItsOrigin() throws Exception {
    Path source = Packages.plugin(temp.resolve("src/gamma"), "gamma", "1.2.0");
    String integrity = TreeHash.of(source);
    byte[] archive = Packages.tgz(Packages.entriesOf(source, "package/"));
    String archiveIntegrity = Integrity.of(archive, "sha512-");
    try (Packages.Server server = new Packages.Server()) {
      server.serve("/packages/gamma-1.2.0.tgz", archive);
      String url = server.url("/packages/gamma-1.2.0.tgz");
      InstallPlan plan = new InstallPlan(List.of(Packages.fromArchive("gamma", "1.2.0", url, integrity, archiveIntegrity)),
          new TreeMap<>(Map.of("gamma", "*")), registry -> java.util.Optional.of("Bearer s3cret"));

      federation(Files.createDirectories(temp.resolve("one"))).install(plan);
      assertThat(server.hits("/packages/gamma-1.2.0.tgz")).isEqualTo(1);
      assertThat(server.authorization("/packages/gamma-1.2.0.tgz")).isEqualTo("Bearer s3cret");

      federation(Files.createDirectories(temp.resolve("two"))).install(plan);
      assertThat(server.hits("/packages/gamma-1.2.0.tgz")).as("second install of the same integrity").isEqualTo(1);
      assertThat(TreeHash.of(temp.resolve("two/.claude/plugins/gamma"))).isEqualTo(integrity);
      String lock = TestFiles.read(temp.resolve("two/plugin-lock.json"));
      assertThat(lock).contains(url, archiveIntegrity).doesNotContain("s3cret");

      String otherOrigin = url.replace("127.0.0.1", "localhost");
      server.redirect("/moved/gamma.tgz", otherOrigin);
      InstallPlan moved = new InstallPlan(List.of(Packages.fromArchive("gamma", "1.2.0",
          server.url("/moved/gamma.tgz"), null, null)), new TreeMap<>(Map.of("gamma", "*")),
          registry -> java.util.Optional.of("Bearer s3cret"));
      federation(Files.createDirectories(temp.resolve("three"))).install(moved);
      assertThat(server.authorization("/moved/gamma.tgz")).isEqualTo("Bearer s3cret");
      assertThat(server.authorization("/packages/gamma-1.2.0.tgz")).as("redirected to another host").isEmpty();
    }
  }

  @Test
  void archiveBytesAreCheckedBeforeExtraction() throws Exception {
    Path source = Packages.plugin(temp.resolve("src/gamma"), "gamma", "1.2.0");
    Path archive = Packages.write(temp.resolve("gamma.zip"), Packages.zip(Packages.entriesOf(source, "")));
    String wrong = Integrity.of("other bytes".getBytes(), "sha512-");
    Path project = project();
    assertThatThrownBy(() -> federation(project).install(InstallPlan.of(List.of(
        Packages.fromArchive("gamma", "1.2.0", archive.toString(), null, wrong)), Map.of("gamma", "*"))))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTEGRITY_MISMATCH))
        .hasMessageContaining("does not match its `archiveIntegrity`");
    assertThat(project.resolve(".claude/plugins/gamma")).doesNotExist();
    assertThat(project.resolve("plugin-lock.json")).doesNotExist();
  }

  @Test
  void aHostileArchiveInstallsNothing() throws Exception {
    Path project = project();
    Path archive = Packages.write(temp.resolve("evil.tgz"), Packages.tgz(List.of(
        Packages.Entry.file("package/ok.md", "ok"), Packages.Entry.symlink("package/evil", "../../../../home"))));
    assertThatThrownBy(() -> federation(project).install(InstallPlan.of(List.of(
        Packages.fromArchive("evil", "1.0.0", archive.toString(), null, null)), Map.of("evil", "*"))))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_PACKAGE));
    assertThat(project.resolve(".claude/plugins/evil")).doesNotExist();
  }

  @Test
  void aFolderWithALinkLeadingOutIsRefused() throws Exception {
    Path project = project();
    Path evil = Packages.plugin(project.resolve("plugins/evil"), "evil", "1.0.0");
    Files.createSymbolicLink(evil.resolve("secrets"), Path.of("../../../.ssh"));
    assertThatThrownBy(() -> federation(project).install(InstallPlan.of(List.of(
        Packages.fromFolder("evil", "1.0.0", evil, null)), Map.of("evil", "*"))))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_PACKAGE))
        .hasMessageContaining("`secrets` is a link to `../../../.ssh`");
  }

  @Test
  void unsupportedSourcesSayWhy() throws Exception {
    Path project = project();
    PlannedPlugin npm = new PlannedPlugin("tool", "1.0.0", "public", "https://example.invalid/marketplace.json",
        new PackageSource.Unsupported("npm", "@acme/tool", "npm packages cannot be installed by mp"), null, null,
        List.of(), false, null, null);
    assertThatThrownBy(() -> federation(project).install(InstallPlan.of(List.of(npm), Map.of("tool", "*"))))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_UNAVAILABLE);
          assertThat(e.exitCode()).isEqualTo(3);
        })
        .hasMessageContaining("npm packages cannot be installed by mp");
  }

  @Test
  void leftoverStagingFoldersOfAKilledRunAreRemovedByTheNextRun() throws Exception {
    Path project = project();
    Path leftover = Files.createDirectories(project.resolve(".claude/.plugins.mp-staging-dead/plugins/x"));
    Path alpha = Packages.plugin(project.resolve("plugins/alpha"), "alpha", "1.0.0");
    federation(project).install(InstallPlan.of(List.of(Packages.fromFolder("alpha", "1.0.0", alpha, null)), Map.of("alpha", "*")));
    assertThat(leftover.getParent().getParent()).doesNotExist();
  }

  @Test
  void anIoFailureWhileStagingIsAnIoErrorNamingThePlugin() {
    Path staging = temp.resolve(".plugins.mp-staging-x");
    RuntimeException failure = Installer.stagingFailure("alpha", staging,
        new java.io.IOException("No space left on device"));
    assertThat(failure).isInstanceOfSatisfying(MpException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.IO_ERROR);
      assertThat(e.getMessage()).isEqualTo("failed to stage `alpha` in `" + staging
          + "` (nothing was changed): No space left on device");
    });
    MpException coded = new MpException(ErrorCode.PACKAGE_UNAVAILABLE, "gone");
    assertThat(Installer.stagingFailure("alpha", staging, coded)).isSameAs(coded);
  }
}
