package dev.mp.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.capability.Capabilities;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Owns the bytes of {@code .mp-state.json}: {@code stateVersion} 1, keys sorted, 2-space indent,
 * {@code \n}, no timestamps, no secrets. A file this mp cannot read is {@code LOCKFILE_ERROR} with a
 * hint to reinstall from the lockfile. Read with a streaming parser that can skip the file listings.
 * Stateless and thread-safe.
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
      if (p.signedClaim()) {
        node.put("signedClaim", true);
      }
      if (p.trustScore() != null) {
        node.put("trustScore", p.trustScore());
      }
      if (p.description() != null) {
        node.put("description", p.description());
      }
      if (p.marketplaceEntry() != null) {
        node.set("marketplaceEntry", MarketplaceEntry.tree(p.marketplaceEntry()));
      }
      if (p.capabilities() != null) {
        node.set("capabilities", p.capabilities().toJson());
      }
      ArrayNode files = node.putArray("files");
      p.files().forEach(files::add);
    });
    return CanonicalJson.sortedBytes(root);
  }

  /**
   * Reads a state file with the plugins' file listings.
   *
   * @throws MpException {@code LOCKFILE_ERROR} when the file is malformed or of a newer version
   */
  public static InstalledState parse(String label, byte[] bytes) {
    return parse(label, bytes, true);
  }

  /**
   * Reads a state file; without {@code withFiles} the file listings are skipped unparsed (they are
   * most of the file and only needed to name changed files).
   *
   * @throws MpException {@code LOCKFILE_ERROR} when the file is malformed or of a newer version
   */
  public static InstalledState parse(String label, byte[] bytes, boolean withFiles) {
    String hint = "reinstall with `mp lock install`";
    int version = -1;
    TreeMap<String, String> requested = new TreeMap<>();
    TreeMap<String, InstalledPlugin> plugins = new TreeMap<>();
    try (JsonParser parser = Json.factory().createParser(bytes)) {
      expect(parser.nextToken() == JsonToken.START_OBJECT, label, hint);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("stateVersion")) {
          version = parser.getValueAsInt(-1);
        } else if (field.equals("requested")) {
          JsonNode node = Json.readTree(parser);
          node.properties().forEach(e -> requested.put(e.getKey(), e.getValue().asText()));
        } else if (field.equals("plugins")) {
          expect(parser.currentToken() == JsonToken.START_OBJECT, label, hint);
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            plugins.put(name, plugin(parser, label, name, withFiles, hint));
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new MpException(ErrorCode.LOCKFILE_ERROR, label + ": not a readable mp install state: "
          + MpException.describe(e), List.of(hint), e);
    }
    if (version != STATE_VERSION) {
      throw new MpException(ErrorCode.LOCKFILE_ERROR,
          label + ": not an mp install state of version " + STATE_VERSION, hint);
    }
    return new InstalledState(requested, plugins);
  }

  private static InstalledPlugin plugin(JsonParser parser, String label, String name, boolean withFiles, String hint)
      throws IOException {
    expect(parser.currentToken() == JsonToken.START_OBJECT, label, hint);
    ObjectNode n = Json.object();
    List<String> files = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("files") && !withFiles) {
        parser.skipChildren();
      } else if (field.equals("files")) {
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
          files.add(parser.getText());
        }
      } else {
        n.set(field, Json.readTree(parser));
      }
    }
    for (String field : List.of("version", "integrity", "registry", "registryLocation", "resolved")) {
      if (!n.path(field).isTextual()) {
        throw new MpException(ErrorCode.LOCKFILE_ERROR,
            label + ": plugin `" + name + "`: missing field `" + field + "`", hint);
      }
    }
    return new InstalledPlugin(
        n.get("version").textValue(), n.get("integrity").textValue(), n.get("registry").textValue(),
        n.get("registryLocation").textValue(), n.get("resolved").textValue(), strings(n.path("dependencies")),
        text(n, "archiveIntegrity"), n.path("signed").asBoolean(false), n.path("signedClaim").asBoolean(false),
        n.path("trustScore").isIntegralNumber() ? n.get("trustScore").intValue() : null,
        text(n, "description"), files,
        n.get("marketplaceEntry") instanceof ObjectNode entry ? MarketplaceEntry.canonical(entry) : null,
        n.has("capabilities") ? Capabilities.fromJson(n.get("capabilities"), problem -> { }) : null);
  }

  private static void expect(boolean condition, String label, String hint) {
    if (!condition) {
      throw new MpException(ErrorCode.LOCKFILE_ERROR, label + ": not an mp install state", hint);
    }
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
