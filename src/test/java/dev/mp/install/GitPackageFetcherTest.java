package dev.mp.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.Federation;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.integrity.TreeHash;
import dev.mp.lock.Lockfile;
import dev.mp.lock.LockfileCodec;
import dev.mp.registry.PackageSource;
import dev.mp.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitPackageFetcherTest {
  @TempDir Path temp;
  private Path home;
  private Path repo;
  private Map<String, String> env;

  @BeforeEach
  void repository() throws Exception {
    home = Files.createDirectories(temp.resolve("home"));
    repo = Files.createDirectories(temp.resolve("repo"));
    env = new HashMap<>(Map.of("HOME", home.toString(), "GIT_CONFIG_NOSYSTEM", "1"));
    Packages.plugin(repo.resolve("plugins/gamma"), "gamma", "1.2.0");
    TestFiles.write(repo.resolve("README.md"), "monorepo\n");
  }

  private PlannedPlugin fromGit(String ref, String sha, String subdir) {
    return new PlannedPlugin("gamma", "1.2.0", "local", temp.resolve("marketplace").toString(),
        new PackageSource.Git(repo.toUri().toString(), ref, sha, subdir), null, null, List.of(), false, null, null);
  }

  private Federation federation(Path project, Map<String, String> environment) {
    return new Federation(Packages.context(project, temp.resolve("cache"), environment, Reporter.SILENT));
  }

  @Test
  void checksOutThePinnedCommitAndTakesTheSubfolder() throws Exception {
    String first = Packages.commitAll(repo, home, "first");
    String integrity = TreeHash.of(repo.resolve("plugins/gamma"));
    TestFiles.write(repo.resolve("plugins/gamma/commands/gamma.md"), "changed on main later\n");
    Packages.commitAll(repo, home, "second");

    Path project = Files.createDirectories(temp.resolve("project"));
    federation(project, env).install(dev.mp.install.InstallPlan.of(List.of(fromGit(null, first, "plugins/gamma")),
        Map.of("gamma", "*")));

    Path installed = project.resolve(".claude/plugins/gamma");
    assertThat(TreeHash.of(installed)).isEqualTo(integrity);
    assertThat(installed.resolve(".git")).doesNotExist();
    assertThat(installed.resolve("README.md")).doesNotExist();
    Lockfile lockfile = LockfileCodec.load(project.resolve("plugin-lock.json"), "x").orElseThrow();
    assertThat(lockfile.plugins().get("gamma").resolved()).isEqualTo("git+" + repo.toUri() + "#" + first + ":plugins/gamma");
    assertThat(lockfile.plugins().get("gamma").integrity()).isEqualTo(integrity);
  }

  @Test
  void aRefIsRecordedAsTheCommitItResolvedTo() throws Exception {
    Packages.commitAll(repo, home, "first");
    Packages.git(repo, home, "tag", "v1.2.0");
    TestFiles.write(repo.resolve("plugins/gamma/commands/gamma.md"), "after the tag\n");
    String head = Packages.commitAll(repo, home, "second");
    String tagged = Packages.git(repo, home, "rev-parse", "v1.2.0^{commit}");

    Path project = Files.createDirectories(temp.resolve("project"));
    federation(project, env).install(dev.mp.install.InstallPlan.of(List.of(fromGit("v1.2.0", null, "plugins/gamma")),
        Map.of("gamma", "*")));
    String resolved = LockfileCodec.load(project.resolve("plugin-lock.json"), "x").orElseThrow().plugins().get("gamma").resolved();
    assertThat(resolved).endsWith("#" + tagged + ":plugins/gamma").doesNotContain(head);

    Path other = Files.createDirectories(temp.resolve("other"));
    federation(other, env).install(dev.mp.install.InstallPlan.of(List.of(fromGit(null, null, "plugins/gamma")), Map.of("gamma", "*")));
    assertThat(TestFiles.read(other.resolve(".claude/plugins/gamma/commands/gamma.md"))).isEqualTo("after the tag\n");
  }

  @Test
  void aMissingSubfolderIsUnavailable() throws Exception {
    String sha = Packages.commitAll(repo, home, "first");
    Path project = Files.createDirectories(temp.resolve("project"));
    assertThatThrownBy(() -> federation(project, env).install(dev.mp.install.InstallPlan.of(
        List.of(fromGit(null, sha, "plugins/nope")), Map.of("gamma", "*"))))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_UNAVAILABLE))
        .hasMessageContaining("no folder `plugins/nope`");
  }

  @Test
  void withoutGitTheErrorSaysSo() throws Exception {
    String sha = Packages.commitAll(repo, home, "first");
    Path project = Files.createDirectories(temp.resolve("project"));
    Map<String, String> noGit = new HashMap<>(env);
    noGit.put("PATH", Files.createDirectories(temp.resolve("empty-bin")).toString());
    assertThatThrownBy(() -> federation(project, noGit).install(dev.mp.install.InstallPlan.of(
        List.of(fromGit(null, sha, "plugins/gamma")), Map.of("gamma", "*"))))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PACKAGE_UNAVAILABLE);
          assertThat(e.hint()).contains("install git");
        })
        .hasMessageContaining("`git` is not installed");
    assertThat(project.resolve(".claude/plugins/gamma")).doesNotExist();
  }
}
