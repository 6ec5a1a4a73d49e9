package dev.mp.config;

import java.nio.file.Path;

/**
 * Where a project's mp files live (DESIGN.md §2), resolved against the project root, and how they
 * meet Claude Code.
 *
 * @param root the project root
 * @param installDir the folder plugins are installed into
 * @param marketplaceName the name of the marketplace generated in {@code installDir}
 * @param claudeSettings true when installs keep {@code .claude/settings.json} in step
 */
public record ProjectLayout(Path root, Path installDir, String marketplaceName, boolean claudeSettings) {
  public static final String POLICY_FILE = ".claude/policies/plugins.yaml";
  public static final String LOCKFILE = "plugin-lock.json";
  public static final String AUDIT_FILE = ".claude/federation-audit.jsonl";
  public static final String CLAUDE_SETTINGS = ".claude/settings.json";
  static final String PROJECT_LOCK = ".claude/.mp.lock";

  public static ProjectLayout of(Path root, FederationDefaults defaults) {
    return new ProjectLayout(root, root.resolve(defaults.effectiveInstallDir()).normalize(),
        defaults.effectiveMarketplaceName(root), defaults.writesClaudeSettings());
  }

  /** The project's Claude Code settings, shared with everyone who clones the repository. */
  public Path claudeSettingsFile() {
    return root.resolve(CLAUDE_SETTINGS);
  }

  public Path registriesFile() {
    return root.resolve(ConfigLoader.FILE);
  }

  public Path policyFile() {
    return root.resolve(POLICY_FILE);
  }

  public Path lockfile() {
    return root.resolve(LOCKFILE);
  }

  public Path auditFile() {
    return root.resolve(AUDIT_FILE);
  }

  /** The lock file that serialises commands changing the project. */
  public Path projectLock() {
    return root.resolve(PROJECT_LOCK);
  }

  /** A path as shown to users: relative to the project root when inside it, with {@code /}. */
  public String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path base = root.toAbsolutePath().normalize();
    String shown = absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    return shown.isEmpty() ? "." : shown.replace('\\', '/');
  }
}
