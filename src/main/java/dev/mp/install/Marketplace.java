package dev.mp.install;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The install folder as a Claude Code marketplace: {@code .claude-plugin/marketplace.json} lists
 * exactly the installed plugins ({@code {name, source: "./<name>", version, description}}, sorted by
 * name, fixed key order), so {@code /plugin marketplace add ./.claude/plugins} loads them. A plugin
 * without its own {@code .claude-plugin/plugin.json} is listed with {@code "strict": false}, so Claude
 * Code takes the entry as its manifest. Stateless.
 */
public final class Marketplace {
  public static final String FILE = ".claude-plugin/marketplace.json";
  public static final String NAME = "mp-installed";

  private Marketplace() {}

  /**
   * The bytes of the listing.
   *
   * @param installDir where the plugin folders are (to see which have a {@code plugin.json})
   */
  public static byte[] serialize(Map<String, InstalledPlugin> plugins, Path installDir, Map<String, Path> stagedFolders) {
    ObjectNode root = Json.object();
    root.put("name", NAME);
    root.putObject("owner").put("name", "mp");
    root.putObject("metadata").put("description", "Plugins installed by mp; managed through plugin-lock.json");
    ArrayNode list = root.putArray("plugins");
    new java.util.TreeMap<>(plugins).forEach((name, plugin) -> {
      ObjectNode entry = list.addObject();
      entry.put("name", name);
      entry.put("source", "./" + name);
      entry.put("version", plugin.version());
      if (plugin.description() != null) {
        entry.put("description", plugin.description());
      }
      Path folder = stagedFolders.getOrDefault(name, installDir.resolve(name));
      if (!Files.isRegularFile(folder.resolve(".claude-plugin/plugin.json"))) {
        entry.put("strict", false);
      }
    });
    return CanonicalJson.toString(root, false).getBytes(StandardCharsets.UTF_8);
  }
}
