package dev.mp.lock;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The changes between two lockfiles, for a pull request.
 *
 * @param base what the current lockfile was compared with ({@code git HEAD}, a file, {@code git REV})
 * @param note why the base is empty (no git repository, not in {@code HEAD}), or null
 * @param added plugins only in the current lockfile
 * @param removed plugins only in the base
 * @param updated plugins whose version (or, at the same version, integrity) changed
 * @param sourceChanged plugins now taken from another registry
 * @param entryChanged plugins in both whose {@code marketplaceEntry} changed: what Claude Code loads
 *     from the generated marketplace beside the plugin's files (inline hooks, MCP servers, ...), which
 *     the integrity does not cover
 */
public record LockDiffResult(
    String base, String note, List<Change> added, List<Change> removed, List<Change> updated,
    List<Change> sourceChanged, List<Change> entryChanged) {
  public LockDiffResult {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    updated = List.copyOf(updated);
    sourceChanged = List.copyOf(sourceChanged);
    entryChanged = List.copyOf(entryChanged);
  }

  /**
   * One plugin's change; fields that do not apply are null.
   *
   * @param plugin the plugin
   * @param fromVersion the version in the base
   * @param toVersion the version now
   * @param fromSource the registry in the base
   * @param toSource the registry now
   * @param integrityOnly true when the version is the same and only the integrity changed
   */
  public record Change(String plugin, String fromVersion, String toVersion, String fromSource, String toSource,
      boolean integrityOnly) {}

  /** How many plugins changed in any way. */
  public int affected() {
    Set<String> names = new TreeSet<>();
    for (List<Change> list : List.of(added, removed, updated, sourceChanged, entryChanged)) {
      list.forEach(c -> names.add(c.plugin()));
    }
    return names.size();
  }

  /** The diff as Markdown for a pull request description or comment. */
  public String markdown() {
    StringBuilder out = new StringBuilder("## Plugin changes\n\n");
    if (note != null) {
      out.append("_").append(note).append("_\n\n");
    }
    section(out, "Added", added, c -> "`" + c.plugin() + "` " + c.toVersion() + " (from `" + c.toSource() + "`)");
    section(out, "Removed", removed, c -> "`" + c.plugin() + "` " + c.fromVersion() + " (from `" + c.fromSource() + "`)");
    section(out, "Updated", updated, c -> c.integrityOnly()
        ? "`" + c.plugin() + "` " + c.toVersion() + ": same version, **different content (integrity changed)**"
        : "`" + c.plugin() + "`: " + c.fromVersion() + " → " + c.toVersion());
    section(out, "Source Changed", sourceChanged, c -> "`" + c.plugin() + "`: `" + c.fromSource() + "` → `" + c.toSource() + "`");
    section(out, "Claude Code Entry Changed", entryChanged, c -> "`" + c.plugin() + "` " + c.toVersion()
        + ": **what Claude Code loads beside its files changed** (hooks, servers, components of its marketplace entry)");
    if (affected() == 0) {
      out.append("No plugin changes.\n\n");
    }
    out.append(affected()).append(" plugin(s) affected\n");
    return out.toString();
  }

  private static void section(StringBuilder out, String title, List<Change> changes,
      java.util.function.Function<Change, String> line) {
    if (changes.isEmpty()) {
      return;
    }
    out.append("### ").append(title).append("\n\n");
    changes.forEach(c -> out.append("- ").append(line.apply(c)).append('\n'));
    out.append('\n');
  }
}
