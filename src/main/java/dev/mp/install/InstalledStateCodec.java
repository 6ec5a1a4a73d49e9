package dev.mp.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import dev.mp.io.JsonDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Owns the bytes of {@code .mp-state.json}: {@code stateVersion} 1, keys sorted, 2-space indent,
 * {@code \n}, no timestamps, no secrets. A file this mp cannot read is {@code LOCKFILE_ERROR} with a
 * hint to reinstall from the lockfile. Stateless and thread-safe.
 */
public final class InstalledStateCodec {
  public static final String FILE = ".mp-state.json";
  static final int STATE_VERSION = 1;

  private InstalledStateCodec() {}

  public static byte[] serialize(InstalledState state) {
    ObjectNode root = Json.object();
    root.put("stateVersion", STATE_VERSION);
    ObjectNode requested = root.putObject("requested");
    state.requested().forEach(requested::put);
    ObjectNode plugins = root.putObject("plugins");
    state.plugins().forEach((name, p) -> {
      ObjectNode node = plugins.putObject(name);
      node.put("version", p.version());
      node.put("integrity", p.integrity());
      node.put("registry", p.registry());
      node.put("registryLocation", p.registryLocation());
      node.put("resolved", p.resolved());
      ArrayNode dependencies = node.putArray("dependencies");
      p.dependencies().forEach(dependencies::add);
      if (p.archiveIntegrity() != null) {
        node.put("archiveIntegrity", p.archiveIntegrity());
      }
      if (p.signed()) {
        node.put("signed", true);
      }
      if (p.trustScore() != null) {
        node.put("trustScore", p.trustScore());
      }
      if (p.description() != null) {
        node.put("description", p.description());
      }
      ArrayNode files = node.putArray("files");
      p.files().forEach(files::add);
    });
    return CanonicalJson.sortedBytes(root);
  }

  /**
   * @throws MpException {@code LOCKFILE_ERROR} when the file is malformed or of a newer version
   */
  public static InstalledState parse(String label, byte[] bytes) {
    JsonDocument doc = JsonDocument.parseJson(label, bytes, ErrorCode.LOCKFILE_ERROR);
    JsonNode root = doc.root();
    String hint = "reinstall with `mp lock install`";
    if (!root.isObject() || root.path("stateVersion").asInt(-1) != STATE_VERSION) {
      throw doc.error(root.has("stateVersion") ? "/stateVersion" : "", "not an mp install state of version "
          + STATE_VERSION, hint);
    }
    TreeMap<String, String> requested = new TreeMap<>();
    root.path("requested").fields().forEachRemaining(e -> requested.put(e.getKey(), e.getValue().asText()));
    TreeMap<String, InstalledPlugin> plugins = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("plugins").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = "/plugins/" + JsonDocument.escape(e.getKey());
      JsonNode n = e.getValue();
      for (String field : List.of("version", "integrity", "registry", "registryLocation", "resolved")) {
        if (!n.path(field).isTextual()) {
          throw doc.error(at, "missing field `" + field + "`", hint);
        }
      }
      plugins.put(e.getKey(), new InstalledPlugin(
          n.get("version").textValue(), n.get("integrity").textValue(), n.get("registry").textValue(),
          n.get("registryLocation").textValue(), n.get("resolved").textValue(), strings(n.path("dependencies")),
          text(n, "archiveIntegrity"), n.path("signed").asBoolean(false),
          n.path("trustScore").isIntegralNumber() ? n.get("trustScore").intValue() : null,
          text(n, "description"), strings(n.path("files"))));
    }
    return new InstalledState(requested, plugins);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
