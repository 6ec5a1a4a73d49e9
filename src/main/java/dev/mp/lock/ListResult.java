package dev.mp.lock;

import dev.mp.capability.Capabilities;
import dev.mp.install.InstalledPlugin;
import java.util.List;

/**
 * The installed plugins (and locked plugins that are not installed), sorted by name.
 *
 * @param hasLockfile false when the project has no lockfile
 * @param rows one per plugin
 */
public record ListResult(boolean hasLockfile, List<Row> rows) {
  public ListResult {
    rows = List.copyOf(rows);
  }

  /**
   * One plugin.
   *
   * @param name the plugin
   * @param version the installed version, or null when not installed or not installed by mp
   * @param registry the registry it was installed from, or null
   * @param resolved where its package came from, or null
   * @param status {@code ok}, {@code missing}, {@code not-locked}, {@code no-lockfile},
   *     {@code version-differs}, {@code integrity-differs}, {@code source-differs}, {@code unmanaged}
   * @param detail what differs, for people, or null
   * @param capabilities what it can do, when asked for ({@code mp list --capabilities}) and known; else null
   */
  public record Row(String name, String version, String registry, String resolved, String status, String detail,
      Capabilities capabilities) {
    /** A row without capabilities. */
    public Row(String name, String version, String registry, String resolved, String status, String detail) {
      this(name, version, registry, resolved, status, detail, null);
    }

    public Row withCapabilities(Capabilities value) {
      return new Row(name, version, registry, resolved, status, detail, value);
    }

    static Row of(String name, boolean present, InstalledPlugin installed, LockedPlugin locked, boolean hasLockfile) {
      String version = installed == null ? null : installed.version();
      String registry = installed == null ? null : installed.registry();
      String resolved = installed == null ? null : installed.resolved();
      if (!present) {
        return new Row(name, null, locked.source(), locked.resolved(), "missing",
            "locked at " + locked.version() + ", not installed");
      }
      if (installed == null) {
        return new Row(name, null, null, null, "unmanaged",
            "not installed by mp");
      }
      if (!hasLockfile) {
        return new Row(name, version, registry, resolved, "no-lockfile", null);
      }
      if (locked == null) {
        return new Row(name, version, registry, resolved, "not-locked", null);
      }
      if (!locked.version().equals(version)) {
        return new Row(name, version, registry, resolved, "version-differs", "locked at " + locked.version());
      }
      if (!locked.integrity().equals(installed.integrity())) {
        return new Row(name, version, registry, resolved, "integrity-differs", "locked with another integrity");
      }
      if (!locked.source().equals(registry) || !locked.resolved().equals(resolved)) {
        return new Row(name, version, registry, resolved, "source-differs", "locked from `" + locked.source() + "`");
      }
      return new Row(name, version, registry, resolved, "ok", null);
    }
  }
}
