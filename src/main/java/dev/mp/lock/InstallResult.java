package dev.mp.lock;

import java.util.List;

/**
 * What {@code install}, {@code uninstall} or {@code lock install} changed.
 *
 * @param changes one per plugin placed or removed, sorted by plugin
 * @param keptAsDependencies plugins named for removal that another plugin still needs (kept)
 * @param lockfile the lockfile after the change
 * @param lockfileWritten false when the lockfile bytes did not change
 * @param claudeSettingsWritten true when {@code .claude/settings.json} was created or changed
 */
public record InstallResult(List<PluginChange> changes, List<String> keptAsDependencies, Lockfile lockfile,
    boolean lockfileWritten, boolean claudeSettingsWritten) {
  public InstallResult {
    changes = List.copyOf(changes);
    keptAsDependencies = List.copyOf(keptAsDependencies);
  }
}
