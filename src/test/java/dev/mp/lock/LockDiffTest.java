package dev.mp.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.Federation;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.install.Packages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockDiffTest {
  private static final String A = "sha512-" + "A".repeat(86) + "==";
  private static final String B = "sha512-" + "B".repeat(86) + "==";

  @TempDir Path temp;

  private static Lockfile lockfile(Map<String, LockedPlugin> plugins) {
    return Lockfile.empty().withPlugins(plugins);
  }

  @Test
  void writesMarkdownForAPullRequest() {
    Lockfile base = lockfile(Map.of(
        "alpha", LockedPlugin.of("1.0.0", A, "local", "./plugins/alpha", List.of()),
        "beta", LockedPlugin.of("2.0.0", A, "public", "https://x/beta.tgz", List.of()),
        "gamma", LockedPlugin.of("1.2.0", A, "team", "https://x/gamma-1.2.0.tgz", List.of()),
        "zeta", LockedPlugin.of("1.0.0", A, "team", "https://x/zeta.tgz", List.of())));
    Lockfile current = lockfile(Map.of(
        "alpha", LockedPlugin.of("1.0.0", A, "team", "https://x/alpha.tgz", List.of()),
        "delta", LockedPlugin.of("0.3.0", B, "team", "https://x/delta.tgz", List.of()),
        "gamma", LockedPlugin.of("1.3.0", B, "team", "https://x/gamma-1.3.0.tgz", List.of()),
        "zeta", LockedPlugin.of("1.0.0", B, "team", "https://x/zeta.tgz", List.of())));
    LockDiffResult diff = LockDiff.compare("git HEAD", null, base, current);
    assertThat(diff.affected()).isEqualTo(5);
    assertThat(diff.markdown()).isEqualTo("""
        ## Plugin changes

        ### Added

        - `delta` 0.3.0 (from `team`)

        ### Removed

        - `beta` 2.0.0 (from `public`)

        ### Updated

        - `gamma`: 1.2.0 → 1.3.0
        - `zeta` 1.0.0: same version, **different content (integrity changed)**

        ### Source Changed

        - `alpha`: `local` → `team`

        5 plugin(s) affected
        """);
  }

  @Test
  void aChangedMarketplaceEntryIsCalledOutEvenAtTheSameVersionAndIntegrity() {
    LockedPlugin plain = LockedPlugin.of("1.0.0", A, "team", "https://x/hooked.tgz", List.of());
    LockedPlugin hooked = new LockedPlugin("1.0.0", A, "team", "https://x/hooked.tgz", List.of(), null, null, null, null,
        "{\"hooks\":{\"SessionStart\":[]},\"strict\":false}", Map.of());
    LockDiffResult diff = LockDiff.compare("git HEAD", null, lockfile(Map.of("hooked", plain)),
        lockfile(Map.of("hooked", hooked)));
    assertThat(diff.affected()).isEqualTo(1);
    assertThat(diff.entryChanged()).extracting(LockDiffResult.Change::plugin).containsExactly("hooked");
    assertThat(diff.markdown()).contains("### Claude Code Entry Changed\n\n- `hooked` 1.0.0: **what Claude Code loads"
        + " beside its files changed** (hooks, servers, components of its marketplace entry)\n");
  }

  @Test
  void comparesWithTheLockfileAtGitHeadByDefaultAndWithAnyRevision() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    Path project = Files.createDirectories(temp.resolve("project"));
    Path file = project.resolve("plugin-lock.json");
    Files.write(file, LockfileCodec.serialize(lockfile(Map.of("alpha", LockedPlugin.of("1.0.0", A, "local", "./a", List.of())))));
    Packages.commitAll(project, home, "lock alpha");
    Files.write(file, LockfileCodec.serialize(lockfile(Map.of("alpha", LockedPlugin.of("1.1.0", A, "local", "./a", List.of())))));
    Packages.commitAll(project, home, "update alpha");
    Files.write(file, LockfileCodec.serialize(lockfile(Map.of(
        "alpha", LockedPlugin.of("1.1.0", A, "local", "./a", List.of()),
        "beta", LockedPlugin.of("2.0.0", A, "local", "./b", List.of())))));
    Federation federation = new Federation(Packages.context(project, temp.resolve("cache"),
        Map.of("HOME", home.toString(), "GIT_CONFIG_NOSYSTEM", "1"), Reporter.SILENT));

    LockDiffResult head = federation.lockDiff(null, null);
    assertThat(head.base()).isEqualTo("git HEAD");
    assertThat(head.note()).isNull();
    assertThat(head.added()).extracting(LockDiffResult.Change::plugin).containsExactly("beta");
    assertThat(head.updated()).isEmpty();

    LockDiffResult previous = federation.lockDiff(null, "HEAD~1");
    assertThat(previous.updated()).extracting(c -> c.fromVersion() + " → " + c.toVersion()).containsExactly("1.0.0 → 1.1.0");
    assertThat(previous.affected()).isEqualTo(2);

    assertThatThrownBy(() -> federation.lockDiff(null, "no-such-branch"))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCKFILE_ERROR))
        .hasMessageContaining("unknown git revision `no-such-branch`");
  }

  @Test
  void withoutTheLockfileInHeadComparesWithAnEmptyOneAndSaysSo() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    Path project = Files.createDirectories(temp.resolve("project"));
    Files.writeString(project.resolve("README.md"), "x\n");
    Packages.commitAll(project, home, "no lockfile yet");
    Files.write(project.resolve("plugin-lock.json"),
        LockfileCodec.serialize(lockfile(Map.of("alpha", LockedPlugin.of("1.0.0", A, "local", "./a", List.of())))));
    LockDiffResult diff = new Federation(Packages.context(project, temp.resolve("cache"),
        Map.of("HOME", home.toString(), "GIT_CONFIG_NOSYSTEM", "1"), Reporter.SILENT)).lockDiff(null, null);
    assertThat(diff.note()).isEqualTo("`plugin-lock.json` is not in git HEAD: compared with an empty lockfile");
    assertThat(diff.added()).hasSize(1);
  }
}
