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
  public record Fingerprint(long size, long modifiedMillis, String fileKey) {
    // Written out: a record's generated equals is bootstrapped on first use, which cost every run
    // tens of milliseconds (each registry thread waiting on that one-time linkage).
    @Override
    public boolean equals(Object other) {
      return other instanceof Fingerprint that && size == that.size && modifiedMillis == that.modifiedMillis
          && Objects.equals(fileKey, that.fileKey);
    }

    @Override
    public int hashCode() {
      return Objects.hash(size, modifiedMillis, fileKey);
    }
  }

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
          instant(node.get("fetchedAt").textValue()), text(node, "etag"), text(node, "lastModified"),
          bytesNode.isIntegralNumber() ? bytesNode.longValue() : null, node.get("plugins").intValue(),
          text(node, "lookup"), fingerprint));
    } catch (IOException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code Instant.parse}, with the form {@code Instant.toString} writes ({@code
   * 2026-01-01T10:00:00.123Z}, what {@code meta.json} holds) read by hand: {@code java.time.format}'s
   * first use costs milliseconds, paid by every {@code registry list} and resolution.
   *
   * @throws DateTimeParseException as {@code Instant.parse} does
   */
  static Instant instant(String text) {
    int n = text.length();
    if (n < 20 || n == 21 || n > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(n - 1) != 'Z'
        || (n > 20 && text.charAt(19) != '.')) {
      return Instant.parse(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int fraction = n > 20 ? digits(text, 20, n - 1) : 0;
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59 || fraction < 0) {
      return Instant.parse(text);
    }
    for (int i = n - 21; i < 9; i++) {
      fraction *= 10;
    }
    try {
      long days = java.time.LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, fraction);
    } catch (java.time.DateTimeException e) {
      return Instant.parse(text);
    }
  }

  /** The decimal number in {@code text[from, to)}, or -1 when a character is not an ASCII digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
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
