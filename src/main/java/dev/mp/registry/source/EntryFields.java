package dev.mp.registry.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import java.util.Set;

/**
 * The fields of a marketplace entry that mp passes on to Claude Code unchanged: every field but
 * {@code name}, {@code source}, {@code version} and {@code description} (which mp writes itself) and
 * {@code dependencies} (which it writes in the object form Claude Code enforces). Component fields
 * ({@code commands}, {@code hooks}, {@code mcpServers}, ...), {@code strict}, {@code category} and
 * any field a later Claude Code reads all survive this way. Stateless.
 */
final class EntryFields {
  private static final Set<String> WRITTEN_BY_MP = Set.of("name", "source", "version", "description", "dependencies");

  private EntryFields() {}

  /** The fields as one line of canonical JSON (keys sorted), or null when there are none. */
  static String of(JsonNode entry) {
    ObjectNode kept = Json.object();
    entry.properties().forEach(field -> {
      if (!WRITTEN_BY_MP.contains(field.getKey())) {
        kept.set(field.getKey(), field.getValue());
      }
    });
    return kept.isEmpty() ? null : CanonicalJson.compact(kept, true);
  }
}
