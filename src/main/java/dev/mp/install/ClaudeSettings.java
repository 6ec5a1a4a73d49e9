package dev.mp.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.Json;
import dev.mp.io.JsonDocument;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps a project's {@code .claude/settings.json} in step with what mp installed, the form Claude Code
 * (2.1.332) loads for everyone who clones the repository:
 *
 * <pre>
 * "extraKnownMarketplaces": {"mp-proj": {"source": {"source": "directory", "path": "./.claude/plugins"}}},
 * "enabledPlugins": {"review-bot@mp-proj": true}
 * </pre>
 *
 * {@code enabledPlugins} gets exactly the installed plugins of the marketplace; keys of the same
 * marketplace for other plugins go, as do the declarations of earlier names of it (the previous
 * {@code marketplace.json} name, and any other name declared for the same folder) with their {@code
 * enabledPlugins} keys. Everything else is left byte for byte: other keys, their order, the indentation,
 * the line ends and the final newline; only the values of the two keys are rewritten, in the file's own
 * indentation, and only when their content changes. Stateless.
 */
public final class ClaudeSettings {
  static final String MARKETPLACES = "extraKnownMarketplaces";
  static final String ENABLED = "enabledPlugins";

  private ClaudeSettings() {}

  /**
   * The file's new bytes.
   *
   * @param existing the file's bytes, or null when there is none
   * @param label how the file is named in errors
   * @param marketplace the generated marketplace's name
   * @param path where it is, as Claude Code should read it ({@code ./.claude/plugins})
   * @param formerNames earlier names of the same marketplace (may be empty)
   * @param plugins the installed plugins' names
   * @return the bytes to write; {@code existing} itself when nothing changes
   * @throws MpException {@code CONFIG_ERROR} when the file is not a JSON object, or its two keys are not
   *     objects (nothing is written then)
   */
  public static byte[] update(byte[] existing, String label, String marketplace, String path,
      Collection<String> formerNames, Collection<String> plugins) {
    if (existing == null) {
      ObjectNode root = Json.object();
      root.set(MARKETPLACES, marketplaces(Json.object(), marketplace, path, Set.of()));
      ObjectNode enabled = enabled(Json.object(), marketplace, Set.of(), plugins);
      if (!enabled.isEmpty()) {
        root.set(ENABLED, enabled);
      }
      return (JsonMembersEdit.render(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }
    JsonNode root = JsonDocument.parseJson(label, existing, ErrorCode.CONFIG_ERROR).root();
    if (!root.isObject()) {
      throw new MpException(ErrorCode.CONFIG_ERROR, label + ": expected a JSON object",
          "fix the file, or set `defaults.claudeSettings` to false in `.claude/registries.json`");
    }
    for (String key : List.of(MARKETPLACES, ENABLED)) {
      if (root.has(key) && !root.get(key).isObject()) {
        throw new MpException(ErrorCode.CONFIG_ERROR, label + ": `" + key + "` must be an object",
            "fix the file, or set `defaults.claudeSettings` to false in `.claude/registries.json`");
      }
    }
    ObjectNode declared = root.has(MARKETPLACES) ? (ObjectNode) root.get(MARKETPLACES) : Json.object();
    Set<String> former = new TreeSet<>(formerNames);
    declared.properties().forEach(entry -> {
      JsonNode source = entry.getValue().path("source");
      if (!entry.getKey().equals(marketplace) && "directory".equals(source.path("source").asText())
          && samePath(path, source.path("path").asText())) {
        former.add(entry.getKey());
      }
    });
    former.remove(marketplace);
    ObjectNode newMarketplaces = marketplaces(declared, marketplace, path, former);
    ObjectNode oldEnabled = root.has(ENABLED) ? (ObjectNode) root.get(ENABLED) : Json.object();
    ObjectNode newEnabled = enabled(oldEnabled, marketplace, former, plugins);
    String text = new String(existing, StandardCharsets.UTF_8);
    JsonMembersEdit edit = JsonMembersEdit.of(text, label);
    Map<String, JsonNode> changed = new LinkedHashMap<>();
    if (!newMarketplaces.equals(root.get(MARKETPLACES))) {
      changed.put(MARKETPLACES, newMarketplaces);
    }
    if (!newEnabled.equals(root.has(ENABLED) ? root.get(ENABLED) : Json.object())) {
      changed.put(ENABLED, newEnabled);
    }
    if (changed.isEmpty()) {
      return existing;
    }
    return edit.apply(changed).getBytes(StandardCharsets.UTF_8);
  }

  /** True when two spellings of a relative folder are the same ({@code ./.claude/plugins}, {@code .claude/plugins/}). */
  static boolean samePath(String a, String b) {
    return normalize(a).equals(normalize(b));
  }

  private static String normalize(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static ObjectNode marketplaces(ObjectNode declared, String marketplace, String path, Set<String> former) {
    ObjectNode result = Json.object();
    declared.properties().forEach(entry -> {
      if (!former.contains(entry.getKey())) {
        result.set(entry.getKey(), entry.getValue());
      }
    });
    ObjectNode ours = result.get(marketplace) instanceof ObjectNode existing ? existing.deepCopy() : Json.object();
    ObjectNode source = Json.object();
    source.put("source", "directory");
    source.put("path", path);
    ours.set("source", source);
    result.set(marketplace, ours);
    return result;
  }

  private static ObjectNode enabled(ObjectNode current, String marketplace, Set<String> former,
      Collection<String> plugins) {
    ObjectNode result = Json.object();
    Set<String> wanted = new TreeSet<>();
    plugins.forEach(plugin -> wanted.add(plugin + "@" + marketplace));
    current.properties().forEach(entry -> {
      String key = entry.getKey();
      int at = key.lastIndexOf('@');
      String of = at < 0 ? null : key.substring(at + 1);
      if (former.contains(of)) {
        return;
      }
      if (marketplace.equals(of)) {
        if (wanted.remove(key)) {
          result.put(key, true);
        }
        return;
      }
      result.set(key, entry.getValue());
    });
    wanted.forEach(key -> result.put(key, true));
    return result;
  }

}
