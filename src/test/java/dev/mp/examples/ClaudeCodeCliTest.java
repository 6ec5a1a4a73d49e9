package dev.mp.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mp.testing.ClaudeCode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's own Claude Code files, read by the real Claude Code CLI. */
class ClaudeCodeCliTest {
  private static final Path REPO = Path.of("").toAbsolutePath();

  @Test
  void theRepositoryMarketplaceAndTheMpPluginValidate(@TempDir Path home) {
    ClaudeCode claude = ClaudeCode.require(home);

    assertThat(claude.ok(REPO, "plugin", "validate", ".").output()).contains("Validation passed");
    assertThat(claude.ok(REPO, "plugin", "validate", "claude-plugin").output()).contains("Validation passed");
  }

  /** The checks of Claude Code's plugin directory, warnings included: README, license, icon, manifest fields. */
  @Test
  void theMpPluginPassesThePluginDirectoryChecks(@TempDir Path home) {
    ClaudeCode claude = ClaudeCode.require(home);

    ClaudeCode.Result result = claude.ok(REPO, "plugin", "validate", "--profile", "directory", "--strict", "claude-plugin");

    assertThat(result.output()).contains("These checks found nothing to report", "bin: mp", "hooks: SessionStart",
        "Validation passed");
  }

  @Test
  void theRepositoryIsAMarketplaceThatInstallsTheMpPlugin(@TempDir Path home) {
    ClaudeCode claude = ClaudeCode.require(home);

    claude.ok(REPO, "plugin", "marketplace", "add", REPO.toString());
    claude.ok(REPO, "plugin", "install", "mp@mp-marketplace");

    assertThat(claude.ok(REPO, "plugin", "list").stdout()).contains("mp@mp-marketplace");
  }
}
