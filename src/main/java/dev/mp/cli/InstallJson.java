package dev.mp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.Json;
import dev.mp.lock.InstallResult;
import dev.mp.lock.PluginChange;
import java.util.List;

/** How plugin changes of install, uninstall and lock install are shown. */
final class InstallJson {
  private InstallJson() {}

  static ArrayNode changes(List<PluginChange> changes) {
    ArrayNode array = Json.array();
    for (PluginChange change : changes) {
      ObjectNode node = array.addObject();
      node.put("plugin", change.plugin());
      node.put("action", change.action());
      putNullable(node, "from", change.fromVersion());
      putNullable(node, "to", change.toVersion());
      putNullable(node, "registry", change.registry());
    }
    return array;
  }

  static void putNullable(ObjectNode node, String field, String value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  /** One status line per change, on stderr. */
  static void print(Output out, List<PluginChange> changes) {
    for (PluginChange c : changes) {
      switch (c.action()) {
        case "added":
          out.status("Added `" + c.plugin() + "` " + c.toVersion() + " (from `" + c.registry() + "`)");
          break;
        case "updated":
          out.status("Updated `" + c.plugin() + "` " + c.fromVersion() + " → " + c.toVersion());
          break;
        case "reinstalled":
          out.status("Reinstalled `" + c.plugin() + "` " + c.toVersion());
          break;
        default:
          out.status("Removed `" + c.plugin() + "`" + (c.fromVersion() == null ? "" : " " + c.fromVersion()));
      }
    }
  }

  /** Says so when {@code .claude/settings.json} was created or changed. */
  static void printSettings(Output out, InstallResult result) {
    if (result.claudeSettingsWritten()) {
      out.status("Updated `.claude/settings.json` (the marketplace and `enabledPlugins` Claude Code loads)");
    }
  }
}
