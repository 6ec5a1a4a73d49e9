package dev.mp.lock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.capability.Capabilities;
import dev.mp.install.MarketplaceEntry;
import dev.mp.integrity.Integrity;
import dev.mp.io.AtomicFiles;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import dev.mp.io.JsonDocument;
import dev.mp.registry.PluginNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Owns the bytes of {@code plugin-lock.json}.
 *
 * <p>Format history:
 *
 * <ul>
 *   <li>1 — the seed's format: {@code generatedAt} at the top and {@code installedAt} on each plugin;
 *       no {@code registries} or {@code requested}. Read, upgraded on the next write ({@code requested}
 *       becomes the plugins nothing depends on, at {@code *}); the timestamps are dropped.
 *   <li>2 — DESIGN.md §2: {@code lockVersion}, {@code registries}, {@code requested}, {@code plugins};
 *       keys sorted, 2-space indent, {@code \n}, final newline, no timestamps, no secrets. Optional
 *       plugin fields {@code archiveIntegrity}, {@code signed} (only when verified) and {@code trustScore}.
 *   <li>2, additively — {@code signedClaim: true} (optional): installed from a registry without keys
 *       whose index claimed the plugin signed, so {@code policy enforce} decides as install did. Never
 *       written together with {@code signed}. An mp that predates it keeps it as an unknown field.
 *   <li>2, additively — {@code resolved} forms {@code npm+<tarball URL>#<package>@<version>} (an npm
 *       source, with the tarball's SRI as {@code archiveIntegrity}) and {@code git+./<path>#<commit>}
 *       (a repository on this machine inside the project); an {@code archive} source's {@code sha256}
 *       as {@code archiveIntegrity: "sha256-..."}. An mp that predates them cannot install such a
 *       plugin and says so ({@code PACKAGE_UNAVAILABLE}).
 *   <li>2, additively — {@code marketplaceEntry} (optional object): what the plugin's entry in the
 *       generated Claude Code marketplace carries besides name, source, version and description (the
 *       source entry's component fields such as {@code hooks}, {@code strict}, {@code category}, and
 *       dependencies in Claude Code's object form), so {@code lock install} writes the same entry from
 *       the lockfile alone. Keys sorted like the rest. Absent in older files: the entry then has no
 *       extra fields. An mp that predates it keeps it as an unknown field.
 *   <li>Plugin names are ones Claude Code installs ({@code PluginNames.isInstallable}); another name
 *       is {@code LOCKFILE_ERROR}, so a hand-edited lockfile can never name a folder outside the
 *       install folder.
 *   <li>2, additively — {@code capabilities} (optional): what the plugin can do, capability → sorted
 *       names ({@code {"hooks": ["SessionStart"], "mcp-servers": ["db"]}}; {@code {}} for none), so
 *       {@code lock diff} shows a plugin gaining hooks. Absent in files written before it (then
 *       unknown, not "none"). A capability this mp does not know is kept as written.
 * </ul>
 *
 * <p>A newer {@code lockVersion} is {@code UNSUPPORTED_LOCK_VERSION}; anything malformed is {@code
 * LOCKFILE_ERROR} naming line and field. Both exit 2. Stateless and thread-safe.
 */
public final class LockfileCodec {
  /** The version this mp writes. */
  public static final int LOCK_VERSION = 2;

  private static final Set<String> TOP_FIELDS = Set.of("lockVersion", "registries", "requested", "plugins", "generatedAt");
  private static final Set<String> PLUGIN_FIELDS = Set.of(
      "version", "integrity", "source", "resolved", "dependencies", "archiveIntegrity", "signed", "signedClaim",
      "trustScore", "marketplaceEntry", "installedAt", "capabilities");

  private LockfileCodec() {}

  /** The lockfile at {@code file}, or empty when there is none. */
  public static Optional<Lockfile> load(Path file, String label) {
    byte[] bytes = AtomicFiles.readIfExists(file);
    return bytes == null ? Optional.empty() : Optional.of(parse(label, bytes));
  }

  /** Writes {@code lockfile} atomically, only when its bytes differ from the file's. */
  public static boolean save(Path file, Lockfile lockfile) {
    return AtomicFiles.writeIfChanged(file, serialize(lockfile));
  }

  /** The canonical bytes of {@code lockfile}, always as lockVersion {@value #LOCK_VERSION}. */
  public static byte[] serialize(Lockfile lockfile) {
    ObjectNode root = Json.object();
    root.put("lockVersion", LOCK_VERSION);
    ObjectNode registries = root.putObject("registries");
    lockfile.registries().forEach(registries::put);
    ObjectNode requested = root.putObject("requested");
    lockfile.requested().forEach(requested::put);
    ObjectNode plugins = root.putObject("plugins");
    lockfile.plugins().forEach((name, plugin) -> plugins.set(name, pluginNode(plugin)));
    lockfile.extra().forEach((key, value) -> {
      if (!root.has(key)) {
        root.set(key, value);
      }
    });
    return CanonicalJson.sortedBytes(root);
  }

  private static ObjectNode pluginNode(LockedPlugin plugin) {
    ObjectNode node = Json.object();
    node.put("version", plugin.version());
    node.put("integrity", plugin.integrity());
    node.put("source", plugin.source());
    node.put("resolved", plugin.resolved());
    ArrayNode dependencies = node.putArray("dependencies");
    plugin.dependencies().forEach(dependencies::add);
    if (plugin.archiveIntegrity() != null) {
      node.put("archiveIntegrity", plugin.archiveIntegrity());
    }
    if (plugin.isSigned()) {
      node.put("signed", true);
    }
    if (plugin.isClaimedSigned()) {
      node.put("signedClaim", true);
    }
    if (plugin.trustScore() != null) {
      node.put("trustScore", plugin.trustScore());
    }
    if (plugin.marketplaceEntry() != null) {
      node.set("marketplaceEntry", MarketplaceEntry.tree(plugin.marketplaceEntry()));
    }
    if (plugin.capabilities() != null) {
      node.set("capabilities", plugin.capabilities().toJson());
    }
    plugin.extra().forEach((key, value) -> {
      if (!node.has(key)) {
        node.set(key, value);
      }
    });
    return node;
  }

  /**
   * Reads a lockfile.
   *
   * @param label how the file is named in errors
   * @throws MpException {@code UNSUPPORTED_LOCK_VERSION} for a newer format, {@code LOCKFILE_ERROR}
   *     for anything malformed
   */
  public static Lockfile parse(String label, byte[] bytes) {
    return parse(JsonDocument.parseJson(label, bytes, ErrorCode.LOCKFILE_ERROR));
  }

  /**
   * Reads a lockfile already parsed as a document (for callers that also need its line numbers).
   *
   * @throws MpException as {@link #parse(String, byte[])}
   */
  public static Lockfile parse(JsonDocument doc) {
    JsonNode root = doc.root();
    if (!root.isObject()) {
      throw doc.error("", "expected a JSON object", "regenerate it with `mp lock generate`");
    }
    JsonNode versionNode = root.get("lockVersion");
    if (versionNode == null || !versionNode.isIntegralNumber()) {
      throw doc.error(versionNode == null ? "" : "/lockVersion", "missing or invalid `lockVersion`",
          "regenerate it with `mp lock generate`");
    }
    int version = versionNode.intValue();
    if (version > LOCK_VERSION || !versionNode.canConvertToInt()) {
      throw new MpException(ErrorCode.UNSUPPORTED_LOCK_VERSION,
          doc.where("/lockVersion") + ": lockfile version " + versionNode.asText()
              + " is newer than this mp understands (" + LOCK_VERSION + ")",
          "upgrade mp to read this lockfile");
    }
    if (version < 1) {
      throw doc.error("/lockVersion", "unknown lockfile version " + version);
    }
    TreeMap<String, LockedPlugin> plugins = new TreeMap<>();
    JsonNode pluginsNode = root.get("plugins");
    if (pluginsNode != null) {
      if (!pluginsNode.isObject()) {
        throw doc.error("/plugins", "expected an object of plugins");
      }
      for (Map.Entry<String, JsonNode> field : pluginsNode.properties()) {
        String at = "/plugins/" + JsonDocument.escape(field.getKey());
        if (!PluginNames.isInstallable(field.getKey())) {
          throw doc.error(at, "invalid plugin name `" + field.getKey() + "`: " + PluginNames.installProblem(field.getKey()),
              "regenerate it with `mp lock generate`");
        }
        plugins.put(field.getKey(), parsePlugin(doc, at, field.getValue()));
      }
    }
    TreeMap<String, String> registries = stringMap(doc, root, "registries");
    TreeMap<String, String> requested = stringMap(doc, root, "requested");
    if (!root.has("requested") && version == 1) {
      Lockfile partial = new Lockfile(version, registries, new TreeMap<>(), plugins, Map.of());
      partial.roots().forEach(name -> requested.put(name, "*"));
    }
    for (Map.Entry<String, LockedPlugin> plugin : plugins.entrySet()) {
      if (!registries.isEmpty() && !registries.containsKey(plugin.getValue().source()) && version >= 2) {
        throw doc.error("/plugins/" + JsonDocument.escape(plugin.getKey()) + "/source",
            "registry `" + plugin.getValue().source() + "` is not listed in `registries`",
            "regenerate it with `mp lock generate`");
      }
    }
    return new Lockfile(version, registries, requested, plugins, unknown(root, TOP_FIELDS));
  }

  private static LockedPlugin parsePlugin(JsonDocument doc, String at, JsonNode node) {
    if (!node.isObject()) {
      throw doc.error(at, "expected an object");
    }
    String version = requiredString(doc, at, node, "version");
    String integrity = requiredString(doc, at, node, "integrity");
    if (!Integrity.isValid(integrity)) {
      throw doc.error(at + "/integrity", "expected an SRI string such as `sha512-...`, found `" + integrity + "`");
    }
    String source = requiredString(doc, at, node, "source");
    String resolved = requiredString(doc, at, node, "resolved");
    List<String> dependencies = new ArrayList<>();
    JsonNode dependenciesNode = node.get("dependencies");
    if (dependenciesNode != null) {
      if (dependenciesNode.isArray()) {
        for (int i = 0; i < dependenciesNode.size(); i++) {
          if (!dependenciesNode.get(i).isTextual()) {
            throw doc.error(at + "/dependencies/" + i, "expected a plugin name");
          }
          dependencies.add(dependenciesNode.get(i).textValue());
        }
      } else if (dependenciesNode.isObject()) {
        dependenciesNode.fieldNames().forEachRemaining(dependencies::add);
      } else {
        throw doc.error(at + "/dependencies", "expected an array of plugin names");
      }
    }
    String archiveIntegrity = null;
    JsonNode archive = node.get("archiveIntegrity");
    if (archive != null) {
      if (!archive.isTextual() || !Integrity.isValid(archive.textValue())) {
        throw doc.error(at + "/archiveIntegrity", "expected an SRI string");
      }
      archiveIntegrity = archive.textValue();
    }
    JsonNode signedNode = node.get("signed");
    if (signedNode != null && !signedNode.isBoolean()) {
      throw doc.error(at + "/signed", "expected true or false");
    }
    JsonNode claimNode = node.get("signedClaim");
    if (claimNode != null && !claimNode.isBoolean()) {
      throw doc.error(at + "/signedClaim", "expected true or false");
    }
    JsonNode trustNode = node.get("trustScore");
    if (trustNode != null && !trustNode.isIntegralNumber()) {
      throw doc.error(at + "/trustScore", "expected an integer");
    }
    JsonNode entryNode = node.get("marketplaceEntry");
    if (entryNode != null && !entryNode.isObject()) {
      throw doc.error(at + "/marketplaceEntry", "expected an object of marketplace entry fields");
    }
    String marketplaceEntry = entryNode == null || entryNode.isEmpty() ? null : MarketplaceEntry.canonical(entryNode);
    Map<String, JsonNode> extra = unknown(node, PLUGIN_FIELDS);
    Capabilities capabilities = null;
    JsonNode capabilitiesNode = node.get("capabilities");
    if (capabilitiesNode != null) {
      if (!capabilitiesNode.isObject()) {
        throw doc.error(at + "/capabilities", "expected an object of capability names to lists of names");
      }
      List<String> unknownCapabilities = new ArrayList<>();
      capabilities = Capabilities.fromJson(capabilitiesNode, unknownCapabilities::add);
      if (!unknownCapabilities.isEmpty()) {
        // Written by a newer mp that knows more capabilities: keep its record as it is.
        extra.put("capabilities", capabilitiesNode);
        capabilities = null;
      }
    }
    return new LockedPlugin(version, integrity, source, resolved, dependencies, archiveIntegrity,
        signedNode != null && signedNode.booleanValue(), claimNode != null && claimNode.booleanValue(),
        trustNode == null ? null : trustNode.intValue(), marketplaceEntry, extra, capabilities);
  }

  private static TreeMap<String, String> stringMap(JsonDocument doc, JsonNode root, String field) {
    TreeMap<String, String> map = new TreeMap<>();
    JsonNode node = root.get(field);
    if (node == null) {
      return map;
    }
    if (!node.isObject()) {
      throw doc.error("/" + field, "expected an object of strings");
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!entry.getValue().isTextual()) {
        throw doc.error("/" + field + "/" + JsonDocument.escape(entry.getKey()), "expected a string");
      }
      map.put(entry.getKey(), entry.getValue().textValue());
    }
    return map;
  }

  private static String requiredString(JsonDocument doc, String at, JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw doc.error(at, "missing field `" + field + "`", "regenerate it with `mp lock generate`");
    }
    if (!value.isTextual()) {
      throw doc.error(at + "/" + field, "expected a string");
    }
    return value.textValue();
  }

  private static Map<String, JsonNode> unknown(JsonNode node, Set<String> known) {
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    node.properties().forEach(field -> {
      if (!known.contains(field.getKey())) {
        extra.put(field.getKey(), field.getValue());
      }
    });
    return extra;
  }
}
