package dev.mp.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.AtomicFiles;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import dev.mp.registry.PluginNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The install folder as a Claude Code marketplace: {@code .claude-plugin/marketplace.json} lists
 * exactly the installed plugins, sorted by name, each as {@code {name, source: "./<folder>", version,
 * description}} followed by its {@link MarketplaceEntry} fields (components, {@code strict}, {@code
 * category}, dependencies in object form, ...), so Claude Code loads from it what it would load from
 * the source marketplace. A plugin without its own {@code .claude-plugin/plugin.json} whose entry does
 * not say {@code strict} is listed with {@code "strict": false}, so Claude Code takes the entry as its
 * manifest. The marketplace's name is the project's ({@code defaults.marketplaceName}). Stateless.
 */
public final class Marketplace {
  public static final String FILE = ".claude-plugin/marketplace.json";

  private Marketplace() {}

  /**
   * The bytes of the listing.
   *
   * @param name the marketplace's name
   * @param installDir where the plugin folders are (to see which have a {@code plugin.json})
   * @param stagedFolders plugin name → its staged folder, for plugins not yet in {@code installDir}
   */
  public static byte[] serialize(String name, Map<String, InstalledPlugin> plugins, Path installDir,
      Map<String, Path> stagedFolders) {
    ObjectNode root = Json.object();
    root.put("name", name);
    root.putObject("owner").put("name", "mp");
    root.putObject("metadata").put("description", "Plugins installed by mp; managed through plugin-lock.json");
    ArrayNode list = root.putArray("plugins");
    new TreeMap<>(plugins).forEach((plugin, installed) -> list.add(entry(plugin, installed.version(),
        installed.description(), installed.marketplaceEntry(),
        stagedFolders.getOrDefault(plugin, installDir.resolve(PluginNames.folder(plugin))))));
    return CanonicalJson.toString(root, false).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * One plugin's entry.
   *
   * @param description one line, or null
   * @param marketplaceEntry its {@link MarketplaceEntry} fields, or null
   * @param folder where its files are (to see whether it has a {@code plugin.json})
   */
  public static ObjectNode entry(String plugin, String version, String description, String marketplaceEntry,
      Path folder) {
    ObjectNode entry = Json.object();
    entry.put("name", plugin);
    entry.put("source", "./" + PluginNames.folder(plugin));
    entry.put("version", version);
    if (description != null) {
      entry.put("description", description);
    }
    if (marketplaceEntry != null) {
      MarketplaceEntry.tree(marketplaceEntry).properties().forEach(field -> entry.set(field.getKey(), field.getValue()));
    }
    if (!entry.has("strict") && !Files.isRegularFile(folder.resolve(".claude-plugin/plugin.json"))) {
      entry.put("strict", false);
    }
    return entry;
  }

  /** The {@code name} of the marketplace listing in {@code installDir}, when there is a readable one. */
  public static Optional<String> currentName(Path installDir) {
    try {
      byte[] bytes = AtomicFiles.readIfExists(installDir.resolve(FILE));
      JsonNode name = bytes == null ? null : Json.readTree(bytes).get("name");
      return name != null && name.isTextual() ? Optional.of(name.textValue()) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a listing mp cannot read is rewritten; its old name is then unknown
    }
  }
}
