package dev.mp.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import dev.mp.registry.DependencySpec;
import java.io.IOException;
import java.util.List;

/**
 * What a plugin's entry in the generated marketplace carries besides {@code name}, {@code source},
 * {@code version} and {@code description}: the source entry's own fields (components, {@code strict},
 * {@code category}, ...) and the release's dependencies in the object form Claude Code enforces ranges
 * in, {@code {"name": "lib", "version": "^1.2"}} (no {@code marketplace}: every dependency is in the same
 * generated marketplace). Kept as one line of canonical JSON (keys sorted), so the lockfile, the install
 * state and the generated file all hold the same bytes. Stateless.
 */
public final class MarketplaceEntry {
  private MarketplaceEntry() {}

  /**
   * The entry's extra fields, or null when there are none.
   *
   * @param entryFields the source entry's fields ({@code ReleaseDetails.entryFields}), or null
   * @param dependencies the release's dependencies, in the order it lists them
   */
  public static String of(String entryFields, List<DependencySpec> dependencies) {
    ObjectNode node = entryFields == null ? Json.object() : tree(entryFields);
    node.remove("dependencies");
    if (!dependencies.isEmpty()) {
      ArrayNode list = node.putArray("dependencies");
      for (DependencySpec dependency : dependencies) {
        ObjectNode item = list.addObject();
        item.put("name", dependency.name());
        if (!dependency.range().equals("*")) {
          item.put("version", dependency.range());
        }
      }
    }
    return node.isEmpty() ? null : canonical(node);
  }

  /** The fields as a tree (a new, mutable copy). */
  public static ObjectNode tree(String canonical) {
    try {
      JsonNode node = Json.readTree(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new MpException(ErrorCode.INTERNAL_ERROR, "a marketplace entry is not a JSON object: " + canonical);
  }

  /** The canonical text of {@code fields}. */
  public static String canonical(JsonNode fields) {
    return CanonicalJson.compact(fields, true);
  }
}
