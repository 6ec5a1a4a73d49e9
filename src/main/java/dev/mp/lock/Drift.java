package dev.mp.lock;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import java.util.List;

/**
 * One way the installed plugins differ from the lockfile. {@code lock check} lists every drift it
 * finds (it does not stop at the first), sorted by plugin name, then kind.
 */
public sealed interface Drift
    permits Drift.VersionMismatch, Drift.IntegrityMismatch, Drift.SourceMismatch, Drift.Missing, Drift.Unlocked,
        Drift.FilesChanged, Drift.EntryChanged {
  /** The plugin concerned. */
  String plugin();

  /** A stable kebab-case name for JSON: {@code version-mismatch}, ... */
  String kind();

  /** One line for people. */
  String describe();

  /** The drift as a JSON object, fields in a fixed order. */
  default ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("plugin", plugin());
    node.put("kind", kind());
    node.put("message", describe());
    return node;
  }

  /** Installed at another version than the lockfile pins. */
  record VersionMismatch(String plugin, String locked, String installed) implements Drift {
    public String kind() {
      return "version-mismatch";
    }

    public String describe() {
      return "`" + plugin + "`: version " + installed + " is installed, the lockfile pins " + locked;
    }

    @Override
    public ObjectNode toJson() {
      return Drift.super.toJson().put("locked", locked).put("installed", installed);
    }
  }

  /** Same version, but installed from a package whose integrity differs from the locked one. */
  record IntegrityMismatch(String plugin, String version, String locked, String installed) implements Drift {
    public String kind() {
      return "integrity-mismatch";
    }

    public String describe() {
      return "`" + plugin + "` " + version + ": installed integrity " + installed + " differs from the locked " + locked;
    }

    @Override
    public ObjectNode toJson() {
      return Drift.super.toJson().put("locked", locked).put("installed", installed);
    }
  }

  /** Installed from another registry or location than the lockfile says. */
  record SourceMismatch(String plugin, String lockedSource, String installedSource, String lockedResolved,
      String installedResolved) implements Drift {
    public String kind() {
      return "source-mismatch";
    }

    public String describe() {
      return lockedSource.equals(installedSource)
          ? "`" + plugin + "`: installed from `" + installedResolved + "`, the lockfile says `" + lockedResolved + "`"
          : "`" + plugin + "`: installed from registry `" + installedSource + "`, the lockfile says `" + lockedSource + "`";
    }

    @Override
    public ObjectNode toJson() {
      return Drift.super.toJson().put("lockedSource", lockedSource).put("installedSource", installedSource)
          .put("lockedResolved", lockedResolved).put("installedResolved", installedResolved);
    }
  }

  /** Locked but not installed. */
  record Missing(String plugin, String lockedVersion) implements Drift {
    public String kind() {
      return "missing";
    }

    public String describe() {
      return "`" + plugin + "` " + lockedVersion + " is locked but not installed";
    }

    @Override
    public ObjectNode toJson() {
      return Drift.super.toJson().put("locked", lockedVersion);
    }
  }

  /** Installed but not in the lockfile. */
  record Unlocked(String plugin, String installedVersion) implements Drift {
    public String kind() {
      return "unlocked";
    }

    public String describe() {
      return "`" + plugin + "`" + (installedVersion == null ? "" : " " + installedVersion)
          + " is installed but not in the lockfile";
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode node = Drift.super.toJson();
      return installedVersion == null ? node.putNull("installed") : node.put("installed", installedVersion);
    }
  }

  /**
   * Files inside an installed plugin differ from what was installed. The lists are empty when mp
   * does not know what was installed file by file (a plugin placed by hand): then only the hash differs.
   */
  record FilesChanged(String plugin, List<String> changed, List<String> added, List<String> removed) implements Drift {
    public FilesChanged {
      changed = List.copyOf(changed);
      added = List.copyOf(added);
      removed = List.copyOf(removed);
    }

    public String kind() {
      return "files-changed";
    }

    public String describe() {
      if (changed.isEmpty() && added.isEmpty() && removed.isEmpty()) {
        return "`" + plugin + "`: files differ from the locked package";
      }
      StringBuilder out = new StringBuilder("`" + plugin + "`: files changed inside the plugin");
      changed.forEach(f -> out.append("\n    modified: ").append(f));
      added.forEach(f -> out.append("\n    added:    ").append(f));
      removed.forEach(f -> out.append("\n    removed:  ").append(f));
      return out.toString();
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode node = Json.object();
      node.put("plugin", plugin);
      node.put("kind", kind());
      node.put("message", changed.isEmpty() && added.isEmpty() && removed.isEmpty()
          ? describe() : "`" + plugin + "`: files changed inside the plugin");
      ArrayNode c = node.putArray("changed");
      changed.forEach(c::add);
      ArrayNode a = node.putArray("added");
      added.forEach(a::add);
      ArrayNode r = node.putArray("removed");
      removed.forEach(r::add);
      return node;
    }
  }

  /**
   * The plugin's entry in the generated marketplace (what Claude Code loads besides the folder: inline
   * hooks, MCP servers, {@code strict}, its source and version) is not the one the lockfile gives, or
   * the marketplace lists a plugin the lockfile does not.
   *
   * @param problem what differs, for people
   */
  record EntryChanged(String plugin, String problem) implements Drift {
    public String kind() {
      return "entry-changed";
    }

    public String describe() {
      return "`" + plugin + "`: " + problem;
    }
  }
}
