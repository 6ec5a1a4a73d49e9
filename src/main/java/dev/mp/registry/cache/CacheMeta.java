package dev.mp.registry.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code meta.json} of a cache entry: what was cached, from where, when, and how to revalidate it.
 * Holds no secret: the location is redacted and credentials are never stored.
 *
 * @param registry the registry location, redacted (for people looking into the cache)
 * @param kind {@code index}, {@code marketplace} or {@code folder}
 * @param fetchedAt when the copy was fetched or last revalidated (a 304 moves it)
 * @param etag the {@code ETag} of the cached body, or null
 * @param lastModified the {@code Last-Modified} of the cached body, or null
 * @param bytes the size of the document read (on the wire for downloads), or null
 * @param plugins how many plugins the copy holds
 * @param lookup the lookup file's name inside the entry, or null when the kind is read directly
 * @param source the local file's fingerprint (re-parsed when it changes), or null for URLs
 */
public record CacheMeta(
    String registry, String kind, Instant fetchedAt, String etag, String lastModified, Long bytes, int plugins,
    String lookup, Fingerprint source) {

  public CacheMeta {
    Objects.requireNonNull(registry);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(fetchedAt);
  }

  /**
   * What identifies a version of a local file without reading it.
   *
   * @param fileKey the file system's identity of the file (inode), or null where there is none
   */
  public record Fingerprint(long size, long modifiedMillis, String fileKey) {}

  /** This copy, revalidated at {@code now}. */
  public CacheMeta revalidated(Instant now) {
    return new CacheMeta(registry, kind, now, etag, lastModified, bytes, plugins, lookup, source);
  }

  byte[] toBytes() {
    ObjectNode node = Json.object();
    node.put("registry", registry);
    node.put("kind", kind);
    node.put("fetchedAt", fetchedAt.toString());
    putNullable(node, "etag", etag);
    putNullable(node, "lastModified", lastModified);
    if (bytes == null) {
      node.putNull("bytes");
    } else {
      node.put("bytes", bytes);
    }
    node.put("plugins", plugins);
    putNullable(node, "lookup", lookup);
    if (source == null) {
      node.putNull("source");
    } else {
      ObjectNode fingerprint = node.putObject("source");
      fingerprint.put("size", source.size());
      fingerprint.put("modifiedMillis", source.modifiedMillis());
      putNullable(fingerprint, "fileKey", source.fileKey());
    }
    return CanonicalJson.sortedBytes(node);
  }

  /** Parses {@code meta.json}; empty when it is not one (the entry is then treated as absent). */
  static Optional<CacheMeta> parse(byte[] bytes) {
    try {
      JsonNode node = Json.readTree(bytes);
      if (node == null || !node.isObject() || !node.path("registry").isTextual() || !node.path("kind").isTextual()
          || !node.path("fetchedAt").isTextual() || !node.path("plugins").canConvertToInt()) {
        return Optional.empty();
      }
      JsonNode source = node.path("source");
      Fingerprint fingerprint = source.isObject()
          ? new Fingerprint(source.path("size").asLong(-1), source.path("modifiedMillis").asLong(-1),
              text(source, "fileKey"))
          : null;
      JsonNode bytesNode = node.path("bytes");
      return Optional.of(new CacheMeta(node.get("registry").textValue(), node.get("kind").textValue(),
          Instant.parse(node.get("fetchedAt").textValue()), text(node, "etag"), text(node, "lastModified"),
          bytesNode.isIntegralNumber() ? bytesNode.longValue() : null, node.get("plugins").intValue(),
          text(node, "lookup"), fingerprint));
    } catch (IOException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static void putNullable(ObjectNode node, String field, String value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }
}
