package dev.mp.lock;

import dev.mp.capability.Capabilities;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * @param capabilitiesChanged plugins in both lockfiles whose recorded capabilities differ (a plugin
 *     gaining hooks is the line a reviewer must not miss); nothing when either side does not record them
 * @param addedCapabilities what each added plugin can do, when the lockfile records it
 */
public record LockDiffResult(
    String base, String note, List<Change> added, List<Change> removed, List<Change> updated,
    List<Change> sourceChanged, List<Change> entryChanged, List<CapabilityChange> capabilitiesChanged,
    Map<String, Capabilities> addedCapabilities) {
  public LockDiffResult {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    updated = List.copyOf(updated);
    sourceChanged = List.copyOf(sourceChanged);
    entryChanged = List.copyOf(entryChanged);
    capabilitiesChanged = List.copyOf(capabilitiesChanged);
    addedCapabilities = Collections.unmodifiableSortedMap(new TreeMap<>(addedCapabilities));
  }

  /** A diff without marketplace entry or capability changes. */
  public LockDiffResult(String base, String note, List<Change> added, List<Change> removed, List<Change> updated,
      List<Change> sourceChanged) {
    this(base, note, added, removed, updated, sourceChanged, List.of(), List.of(), Map.of());
  }

  /**
   * What one plugin gained and lost between the two lockfiles.
   *
   * @param plugin the plugin
   * @param version its version now
   * @param gained capabilities (or names of them) it has now and did not have
   * @param lost capabilities (or names of them) it had and has no more
   */
  public record CapabilityChange(String plugin, String version, Capabilities gained, Capabilities lost) {
    /** {@code gains hooks: SessionStart; loses network: api.example.com}. */
    public String describe() {
      List<String> parts = new ArrayList<>();
      gained.values().forEach((kind, names) -> parts.add("gains " + kind.wire() + (names.isEmpty() ? "" : ": " + String.join(", ", names))));
      lost.values().forEach((kind, names) -> parts.add("loses " + kind.wire() + (names.isEmpty() ? "" : ": " + String.join(", ", names))));
      return String.join("; ", parts);
    }
  }

  /** What {@code after} has that {@code before} does not: new capabilities with all their names, new names. */
  public static Capabilities difference(Capabilities after, Capabilities before) {
    Capabilities.Builder out = new Capabilities.Builder();
    after.values().forEach((kind, names) -> {
      if (!before.has(kind)) {
        out.add(kind);
        names.forEach(n -> out.add(kind, n));
      } else {
        names.stream().filter(n -> !before.names(kind).contains(n)).forEach(n -> out.add(kind, n));
      }
    });
    return out.build();
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
    capabilitiesChanged.forEach(c -> names.add(c.plugin()));
    return names.size();
  }

  /** The diff as Markdown for a pull request description or comment. */
  public String markdown() {
    StringBuilder out = new StringBuilder("## Plugin changes\n\n");
    if (note != null) {
      out.append("_").append(note).append("_\n\n");
    }
    section(out, "Added", added, c -> "`" + c.plugin() + "` " + c.toVersion() + " (from `" + c.toSource() + "`)"
        + (addedCapabilities.containsKey(c.plugin()) && !addedCapabilities.get(c.plugin()).isEmpty()
            ? ": " + addedCapabilities.get(c.plugin()).describe() : ""));
    section(out, "Removed", removed, c -> "`" + c.plugin() + "` " + c.fromVersion() + " (from `" + c.fromSource() + "`)");
    section(out, "Updated", updated, c -> c.integrityOnly()
        ? "`" + c.plugin() + "` " + c.toVersion() + ": same version, **different content (integrity changed)**"
        : "`" + c.plugin() + "`: " + c.fromVersion() + " → " + c.toVersion());
    section(out, "Source Changed", sourceChanged, c -> "`" + c.plugin() + "`: `" + c.fromSource() + "` → `" + c.toSource() + "`");
    section(out, "Claude Code Entry Changed", entryChanged, c -> "`" + c.plugin() + "` " + c.toVersion()
        + ": **what Claude Code loads beside its files changed** (hooks, servers, components of its marketplace entry)");
    if (!capabilitiesChanged.isEmpty()) {
      out.append("### Capabilities Changed\n\n");
      capabilitiesChanged.forEach(c -> out.append("- `").append(c.plugin()).append("` ").append(c.version()).append(": ")
          .append(c.describe()).append('\n'));
      out.append('\n');
    }
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
