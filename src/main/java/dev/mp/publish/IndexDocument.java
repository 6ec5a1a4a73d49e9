package dev.mp.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import dev.mp.io.JsonDocument;
import dev.mp.resolve.Version;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A registry index (DESIGN.md §2) being edited by the publishing side: {@code registry build} adds
 * releases, {@code registry yank} marks them. Every release of a plugin is kept under {@code releases}
 * (keyed by version, sorted by version), the latest one included, and the entry's top-level fields are
 * a copy of its highest release that is not yanked (the highest of all when every release is yanked),
 * so readers that only know the seed's top-level fields get the release to install. Fields mp does not
 * know are kept, in place. Not thread-safe.
 */
final class IndexDocument {
  /** The fields that belong to one release, in the order they are written. */
  static final List<String> RELEASE_FIELDS = List.of("version", "description", "integrity", "archiveIntegrity",
      "resolved", "dependencies", "yanked", "yankedReason", "signed", "signature");

  private final String label;
  private final ObjectNode root;
  private final ObjectNode plugins;

  private IndexDocument(String label, ObjectNode root, ObjectNode plugins) {
    this.label = label;
    this.root = root;
    this.plugins = plugins;
  }

  /** A new index with no plugins. */
  static IndexDocument empty(String label) {
    ObjectNode root = Json.object();
    root.put("version", 1);
    root.putNull("updatedAt");
    ObjectNode plugins = root.putObject("plugins");
    return new IndexDocument(label, root, plugins);
  }

  /**
   * Reads an index.
   *
   * @throws dev.mp.MpException {@code INDEX_INVALID} naming file, line and field when it is not a
   *     registry index this mp can edit
   */
  static IndexDocument parse(String label, byte[] bytes) {
    JsonDocument document = JsonDocument.parseJson(label, bytes, ErrorCode.INDEX_INVALID);
    if (!document.root().isObject()) {
      throw document.error("", "expected a registry index (a JSON object with `plugins`)");
    }
    ObjectNode root = (ObjectNode) document.root();
    JsonNode version = root.get("version");
    if (version != null && !(version.canConvertToExactIntegral() && version.asLong() == 1)) {
      throw document.error("/version", "unsupported index version " + version + ": this mp writes version 1",
          "upgrade mp");
    }
    JsonNode plugins = root.get("plugins");
    if (plugins == null || !plugins.isObject()) {
      throw document.error(plugins == null ? "" : "/plugins",
          plugins == null ? "no `plugins` object" : "expected an object of plugins by name",
          "a registry index maps plugin names to entries: {\"plugins\": {\"name\": {...}}}");
    }
    for (Map.Entry<String, JsonNode> plugin : plugins.properties()) {
      String at = "/plugins/" + JsonDocument.escape(plugin.getKey());
      if (!plugin.getValue().isObject()) {
        throw document.error(at, "expected a plugin entry (a JSON object)");
      }
      JsonNode releases = plugin.getValue().get("releases");
      if (releases != null) {
        if (!releases.isObject()) {
          throw document.error(at + "/releases", "expected an object of releases by version");
        }
        for (Map.Entry<String, JsonNode> release : releases.properties()) {
          if (!release.getValue().isObject()) {
            throw document.error(at + "/releases/" + JsonDocument.escape(release.getKey()),
                "expected a release (a JSON object)");
          }
        }
      }
    }
    return new IndexDocument(label, root, (ObjectNode) plugins);
  }

  String label() {
    return label;
  }

  /** The plugin names, in the index's order. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    plugins.fieldNames().forEachRemaining(names::add);
    return names;
  }

  int pluginCount() {
    return plugins.size();
  }

  /** How many releases the index holds, every plugin's {@code releases} and top-level ones not among them. */
  int releaseCount() {
    int count = 0;
    for (String name : names()) {
      count += releases(name).size();
    }
    return count;
  }

  /**
   * Every release of a plugin by version: {@code releases}, plus the top-level release when it is not
   * among them (an index written by hand); empty when the plugin is not listed.
   */
  Map<String, ObjectNode> releases(String name) {
    Map<String, ObjectNode> all = new LinkedHashMap<>();
    JsonNode entry = plugins.get(name);
    if (entry == null) {
      return all;
    }
    JsonNode releases = entry.get("releases");
    if (releases != null) {
      releases.properties().forEach(release -> all.put(release.getKey(), (ObjectNode) release.getValue()));
    }
    String top = topVersion(name);
    boolean hasTopRelease = entry.has("version") || entry.has("integrity") || entry.has("resolved");
    if (hasTopRelease && !all.containsKey(top)) {
      all.put(top, topRelease((ObjectNode) entry, top));
    }
    return all;
  }

  /** The release's fields, or null when the index does not list it. */
  ObjectNode release(String name, String version) {
    return releases(name).get(version);
  }

  /**
   * The version of the entry's top-level fields ({@code 0.0.0} when it gives none, as readers take it);
   * the plugin must be listed.
   */
  String topVersion(String name) {
    JsonNode version = plugins.get(name).get("version");
    return version != null && version.isTextual() ? version.textValue().trim() : "0.0.0";
  }

  /** Adds a release (its {@code version} field set) and makes the entry's top-level follow the highest. */
  void addRelease(String name, ObjectNode release) {
    ObjectNode entry = (ObjectNode) plugins.get(name);
    if (entry == null) {
      entry = Json.object();
      entry.put("name", name);
      plugins.set(name, entry);
      sortPlugins();
    }
    Map<String, ObjectNode> all = releases(name);
    all.put(release.get("version").textValue(), release);
    rebuild(name, all);
  }

  /**
   * Marks a release yanked (with {@code reason}, or none) or, with {@code yanked} false, published again.
   *
   * @return false when the release already was in that state
   */
  boolean setYanked(String name, String version, boolean yanked, String reason) {
    Map<String, ObjectNode> all = releases(name);
    ObjectNode release = all.get(version);
    boolean was = release.path("yanked").asBoolean(false);
    String wasReason = release.path("yankedReason").isTextual() ? release.get("yankedReason").textValue() : null;
    if (was == yanked && (!yanked || java.util.Objects.equals(wasReason, reason))) {
      return false;
    }
    ObjectNode updated = release.deepCopy();
    updated.remove("yanked");
    updated.remove("yankedReason");
    if (yanked) {
      updated.put("yanked", true);
      if (reason != null) {
        updated.put("yankedReason", reason);
      }
    }
    all.put(version, ordered(updated));
    rebuild(name, all);
    return true;
  }

  /** Sets {@code updatedAt}, placed before {@code plugins} when the index has none. */
  void touch(Instant now) {
    if (root.has("updatedAt")) {
      root.put("updatedAt", now.toString());
      return;
    }
    ObjectNode out = Json.object();
    root.properties().forEach(field -> {
      if (field.getKey().equals("plugins")) {
        out.put("updatedAt", now.toString());
      }
      out.set(field.getKey(), field.getValue());
    });
    root.removeAll();
    root.setAll(out);
  }

  /** The index as written: 2-space JSON, keys in their order, final newline. */
  byte[] bytes() {
    return CanonicalJson.toString(root, false).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Rewrites the entry: {@code name}, the chosen release's fields, the entry's other fields in their
   * order, then {@code releases} sorted by version.
   */
  private void rebuild(String name, Map<String, ObjectNode> all) {
    ObjectNode old = (ObjectNode) plugins.get(name);
    TreeMap<Version, ObjectNode> sorted = new TreeMap<>();
    all.forEach((version, release) -> sorted.put(Version.parse(version), withVersion(release, version)));
    ObjectNode top = null;
    for (ObjectNode release : sorted.descendingMap().values()) {
      if (!release.path("yanked").asBoolean(false)) {
        top = release;
        break;
      }
    }
    if (top == null) {
      top = sorted.lastEntry().getValue();
    }
    ObjectNode entry = Json.object();
    entry.put("name", name);
    for (String field : RELEASE_FIELDS) {
      if (top.has(field)) {
        entry.set(field, top.get(field).deepCopy());
      } else if (field.equals("description") && old.has("description")) {
        entry.set(field, old.get(field));
      }
    }
    old.properties().forEach(field -> {
      if (!field.getKey().equals("name") && !field.getKey().equals("releases") && !RELEASE_FIELDS.contains(field.getKey())) {
        entry.set(field.getKey(), field.getValue());
      }
    });
    ObjectNode releases = entry.putObject("releases");
    sorted.forEach((version, release) -> releases.set(version.text(), release));
    plugins.set(name, entry);
  }

  private static ObjectNode withVersion(ObjectNode release, String version) {
    if (release.path("version").isTextual() && release.get("version").textValue().equals(version)) {
      return release;
    }
    ObjectNode copy = release.deepCopy();
    copy.put("version", version);
    return ordered(copy);
  }

  /** The release's fields in {@link #RELEASE_FIELDS} order, then any others. */
  static ObjectNode ordered(ObjectNode release) {
    ObjectNode out = Json.object();
    for (String field : RELEASE_FIELDS) {
      if (release.has(field)) {
        out.set(field, release.get(field));
      }
    }
    release.properties().forEach(field -> {
      if (!out.has(field.getKey())) {
        out.set(field.getKey(), field.getValue());
      }
    });
    return out;
  }

  /** The top-level release of a hand-written entry, as a release object. */
  private static ObjectNode topRelease(ObjectNode entry, String version) {
    ObjectNode release = Json.object();
    release.put("version", version);
    for (String field : RELEASE_FIELDS) {
      if (!field.equals("version") && entry.has(field)) {
        release.set(field, entry.get(field).deepCopy());
      }
    }
    return release;
  }

  private void sortPlugins() {
    TreeMap<String, JsonNode> sorted = new TreeMap<>();
    plugins.properties().forEach(field -> sorted.put(field.getKey(), field.getValue()));
    plugins.removeAll();
    sorted.forEach(plugins::set);
  }
}
