package dev.mp.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON or YAML document that remembers the line and column of every value, so validation
 * errors can say {@code .claude/registries.json:7:19: field `registries[1].priority`: ...}.
 *
 * <p>Duplicate keys are refused (a later key silently winning hides mistakes and tampering). Nesting
 * is limited to {@link Json#MAX_DEPTH}. Thread-safe once built.
 */
public final class JsonDocument {
  private final String label;
  private final JsonNode root;
  private final Map<String, JsonLocation> locations;
  private final ErrorCode errorCode;

  private JsonDocument(
      String label, JsonNode root, Map<String, JsonLocation> locations, ErrorCode errorCode) {
    this.label = label;
    this.root = root;
    this.locations = locations;
    this.errorCode = errorCode;
  }

  /**
   * Parses JSON.
   *
   * @param label how the file is named in errors, e.g. {@code .claude/registries.json}
   * @param errorCode the code of errors about this document ({@code CONFIG_ERROR}, ...)
   * @throws MpException with {@code errorCode} when the text is not well-formed JSON
   */
  public static JsonDocument parseJson(String label, byte[] bytes, ErrorCode errorCode) {
    return parse(Json.factory(), label, bytes, errorCode, "JSON");
  }

  /** Parses YAML; see {@link #parseJson}. */
  public static JsonDocument parseYaml(String label, byte[] bytes, ErrorCode errorCode) {
    return parse(Yaml.factory(), label, bytes, errorCode, "YAML");
  }

  /**
   * {@link #parseYaml}, remembering each document parsed without error as JSON (its values and their
   * lines and columns) in {@code cacheDir/yaml-v1/<sha256 of the bytes>.json}, so that the next run
   * reading the same bytes loads neither SnakeYAML nor its regular expressions (about 13 ms of every
   * resolution with a policy). Keyed by content, so an edited file is parsed again; a cache file that
   * cannot be read or written is a miss. The document, its errors and their positions are the same
   * either way.
   *
   * @param cacheDir mp's cache folder, or null for no cache
   */
  public static JsonDocument parseYamlCached(String label, byte[] bytes, ErrorCode errorCode, java.nio.file.Path cacheDir) {
    if (cacheDir == null) {
      return parseYaml(label, bytes, errorCode);
    }
    java.nio.file.Path file = cacheDir.resolve("yaml-v1").resolve(Sha256.hex(bytes) + ".json");
    byte[] cached;
    try {
      cached = AtomicFiles.readIfExists(file);
    } catch (RuntimeException unreadable) {
      cached = null;
    }
    JsonDocument known = cached == null ? null : fromCache(label, cached, errorCode);
    if (known != null) {
      return known;
    }
    JsonDocument parsed = parseYaml(label, bytes, errorCode);
    parsed.remember(file);
    return parsed;
  }

  /** Writes this document's cache form, when it reads back as the same values. */
  private void remember(java.nio.file.Path file) {
    ObjectNode cache = JsonNodeFactory.instance.objectNode();
    cache.set("root", root);
    ObjectNode at = cache.putObject("at");
    for (Map.Entry<String, JsonLocation> location : new java.util.TreeMap<>(locations).entrySet()) {
      at.putArray(location.getKey()).add(location.getValue().getLineNr()).add(location.getValue().getColumnNr());
    }
    try {
      byte[] bytes = Json.mapper().writeValueAsBytes(cache);
      JsonDocument back = fromCache(label, bytes, errorCode);
      // A value JSON cannot carry as YAML gave it (NaN, infinities) is not cached.
      if (back != null && back.root.equals(root)) {
        AtomicFiles.write(file, bytes);
      }
    } catch (IOException | RuntimeException e) {
      // A cache that cannot be written costs time on the next run, never correctness.
    }
  }

  /** The document kept by {@link #remember}, or null when the bytes are not such a document. */
  private static JsonDocument fromCache(String label, byte[] bytes, ErrorCode errorCode) {
    try {
      JsonNode cache = parseJson("yaml cache", bytes, ErrorCode.INTERNAL_ERROR).root();
      JsonNode root = cache.get("root");
      JsonNode at = cache.get("at");
      if (root == null || at == null || !at.isObject()) {
        return null;
      }
      Map<String, JsonLocation> locations = new HashMap<>(at.size() * 2);
      for (Map.Entry<String, JsonNode> location : at.properties()) {
        JsonNode position = location.getValue();
        locations.put(location.getKey(), new JsonLocation(com.fasterxml.jackson.core.io.ContentReference.unknown(), -1L,
            position.path(0).intValue(), position.path(1).intValue()));
      }
      return new JsonDocument(label, root, locations, errorCode);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static JsonDocument parse(
      JsonFactory factory, String label, byte[] bytes, ErrorCode errorCode, String format) {
    Map<String, JsonLocation> locations = new HashMap<>();
    try (JsonParser parser = factory.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new MpException(errorCode, label + ": the file is empty", "write a " + format + " document");
      }
      JsonNode root = read(parser, "", locations, label, errorCode, format.equals("YAML"));
      if (parser.nextToken() != null) {
        throw new MpException(
            errorCode,
            label + ":" + position(parser.currentTokenLocation()) + ": unexpected content after the document");
      }
      return new JsonDocument(label, root, locations, errorCode);
    } catch (StreamConstraintsException e) {
      throw new MpException(
          errorCode, label + ": document too large or too deeply nested: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String at = where == null ? "" : ":" + position(where);
      throw new MpException(
          errorCode,
          label + at + ": malformed " + format + ": " + firstLine(e.getOriginalMessage()),
          List.of("fix the syntax at that position"),
          null);
    } catch (IOException e) {
      throw new MpException(errorCode, label + ": cannot be read: " + MpException.describe(e));
    } catch (RuntimeException e) {
      if (e instanceof MpException) {
        throw e;
      }
      // YAML parser errors surface as runtime exceptions from the underlying engine.
      throw new MpException(
          errorCode, label + ": malformed " + format + ": " + firstLine(String.valueOf(e.getMessage())));
    }
  }

  private static JsonNode read(
      JsonParser parser,
      String pointer,
      Map<String, JsonLocation> locations,
      String label,
      ErrorCode errorCode,
      boolean yaml)
      throws IOException {
    JsonToken token = parser.currentToken();
    locations.putIfAbsent(pointer, parser.currentTokenLocation());
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    switch (token) {
      case START_OBJECT:
        {
          ObjectNode object = nodes.objectNode();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String child = pointer + "/" + escape(key);
            if (object.has(key)) {
              throw new MpException(
                  errorCode,
                  label + ":" + position(parser.currentTokenLocation()) + ": duplicate key `" + key + "`",
                  "each key may appear once in an object");
            }
            parser.nextToken();
            locations.put(child, parser.currentTokenLocation());
            object.set(key, read(parser, child, locations, label, errorCode, yaml));
          }
          return object;
        }
      case START_ARRAY:
        {
          ArrayNode array = nodes.arrayNode();
          int index = 0;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(parser, pointer + "/" + index, locations, label, errorCode, yaml));
            index++;
          }
          return array;
        }
      case VALUE_STRING:
        if (yaml && ((com.fasterxml.jackson.dataformat.yaml.YAMLParser) parser).isCurrentAlias()) {
          // The YAML reader does not expand aliases; reading `*name` as the string "name" would
          // silently change a policy's meaning, so aliases are refused outright.
          throw new MpException(
              errorCode,
              label + ":" + position(parser.currentTokenLocation()) + ": YAML aliases (`*"
                  + parser.getText() + "`) are not supported",
              "write the value out in full");
        }
        return nodes.textNode(parser.getText());
      case VALUE_NUMBER_FLOAT:
        return nodes.numberNode(parser.getDecimalValue());
      default:
        JsonNode scalar = Json.scalar(parser, token);
        if (scalar != null) {
          return scalar;
        }
        throw new MpException(
            errorCode,
            label + ":" + position(parser.currentTokenLocation()) + ": unsupported value " + token);
    }
  }

  /** The parsed tree. */
  public JsonNode root() {
    return root;
  }

  /** How the file is named in errors. */
  public String label() {
    return label;
  }

  /** {@code label:line:column} of the value at {@code pointer} (a JSON pointer), or the label alone. */
  public String where(String pointer) {
    JsonLocation location = locations.get(pointer);
    return location == null ? label : label + ":" + position(location);
  }

  /** The 1-based line of the value at {@code pointer}, or 0 when unknown. */
  public int line(String pointer) {
    JsonLocation location = locations.get(pointer);
    return location == null ? 0 : location.getLineNr();
  }

  /**
   * An error about the value at {@code pointer}: {@code file:line:col: field `path`: message}.
   *
   * @param pointer a JSON pointer such as {@code /registries/1/priority}
   */
  public MpException error(String pointer, String message, String... hints) {
    String field = pointer.isEmpty() ? "" : "field `" + fieldPath(pointer) + "`: ";
    return new MpException(errorCode, where(pointer) + ": " + field + message, hints);
  }

  /** {@code /registries/1/priority} as people write it: {@code registries[1].priority}. */
  public static String fieldPath(String pointer) {
    StringBuilder out = new StringBuilder();
    for (String part : pointer.substring(1).split("/", -1)) {
      String key = part.replace("~1", "/").replace("~0", "~");
      if (!key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
        out.append('[').append(key).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(key);
      }
    }
    return out.toString();
  }

  /** Escapes a key for use in a JSON pointer. */
  public static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String position(JsonLocation location) {
    return location.getLineNr() + ":" + location.getColumnNr();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
