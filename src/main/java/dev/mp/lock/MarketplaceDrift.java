package dev.mp.lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.install.Marketplace;
import dev.mp.install.MarketplaceEntry;
import dev.mp.io.AtomicFiles;
import dev.mp.io.Json;
import dev.mp.registry.PluginNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the generated {@code marketplace.json} against the lockfile: Claude Code loads a plugin's
 * inline components (hooks, MCP servers, ...) from its entry there, which the plugin folder's integrity
 * does not cover. Each locked, installed plugin must have exactly the entry the lockfile gives, with the
 * version mp installed (a version the lockfile does not pin is its own drift), the description (which
 * loads nothing) aside, and the {@code "strict": false} mp adds for a folder without {@code plugin.json}
 * aside (the folder's files are checked on their own); no other plugin may be listed. Stateless.
 */
final class MarketplaceDrift {
  private static final String MARKETPLACE = "`.claude-plugin/marketplace.json`";

  private MarketplaceDrift() {}

  /**
   * @param present the locked plugins whose folder is installed (the others are already {@code missing})
   */
  /**
   * @param installedVersions plugin → the version mp installed (from the install state), when known
   */
  static List<Drift> check(Path installDir, Lockfile lockfile, Set<String> present,
      Map<String, String> installedVersions) {
    List<Drift> drifts = new ArrayList<>();
    Map<String, JsonNode> listed = new LinkedHashMap<>();
    byte[] bytes = AtomicFiles.readIfExists(installDir.resolve(Marketplace.FILE));
    try {
      JsonNode root = bytes == null ? null : Json.readTree(bytes);
      if (root != null) {
        root.path("plugins").forEach(entry -> listed.putIfAbsent(entry.path("name").asText(), entry));
      }
    } catch (IOException e) {
      // Unreadable: every locked plugin is reported as not listed below.
    }
    for (String name : present) {
      LockedPlugin locked = lockfile.plugins().get(name);
      JsonNode actual = listed.get(name);
      if (actual == null) {
        drifts.add(new Drift.EntryChanged(name, "not listed in " + MARKETPLACE + ", so Claude Code does not load it"));
        continue;
      }
      ObjectNode expected = Marketplace.entry(name, installedVersions.getOrDefault(name, locked.version()), null,
          locked.marketplaceEntry(), installDir.resolve(PluginNames.folder(name)));
      ObjectNode loaded = actual.deepCopy();
      loaded.remove("description");
      if (locked.marketplaceEntry() == null || !MarketplaceEntry.tree(locked.marketplaceEntry()).has("strict")) {
        expected.remove("strict");
        loaded.remove("strict");
      }
      if (!loaded.equals(expected)) {
        drifts.add(new Drift.EntryChanged(name, "its entry in " + MARKETPLACE + " differs from the lockfile ("
            + differingFields(expected, loaded) + ")"));
      }
    }
    listed.keySet().stream().filter(name -> !lockfile.plugins().containsKey(name)).sorted().forEach(name ->
        drifts.add(new Drift.EntryChanged(name, "listed in " + MARKETPLACE + " but not in the lockfile")));
    return drifts;
  }

  private static String differingFields(ObjectNode expected, ObjectNode actual) {
    java.util.TreeSet<String> fields = new java.util.TreeSet<>();
    expected.fieldNames().forEachRemaining(fields::add);
    actual.fieldNames().forEachRemaining(fields::add);
    fields.removeIf(field -> java.util.Objects.equals(expected.get(field), actual.get(field)));
    return "`" + String.join("`, `", fields) + "`";
  }
}
