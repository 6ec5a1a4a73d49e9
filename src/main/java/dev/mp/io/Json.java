package dev.mp.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The shared, immutable JSON machinery. Built on first use (class-holder idiom) so that commands
 * that never touch JSON do not pay for it; never reconfigured after construction.
 *
 * <p>The factory and the mapper have separate holders: initialising {@code ObjectMapper} costs tens
 * of milliseconds of every start (date formats, calendars, serializer tables), and trees are read
 * with {@link #readTree}, which needs only the factory. Thread-safe.
 */
public final class Json {
  /** Deepest nesting accepted in any document mp reads; real files are a handful of levels deep. */
  public static final int MAX_DEPTH = 64;

  private Json() {}

  private static final class Holder {
    static final JsonFactory FACTORY =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(16 * 1024 * 1024)
                    .maxNumberLength(64)
                    .build())
            // Field names are compared with equals, never ==; interning every plugin name of an
            // index (its keys) in the JVM's string table was a fifth of a sync.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
  }

  private static final class MapperHolder {
    static final ObjectMapper MAPPER = new ObjectMapper(Holder.FACTORY);
  }

  /** A factory for streaming parsers and generators with mp's limits. */
  public static JsonFactory factory() {
    return Holder.FACTORY;
  }

  /**
   * A mapper for tree conversions; do not reconfigure it. Prefer {@link #readTree}, which reads the
   * same trees without the mapper's start-up cost.
   */
  public static ObjectMapper mapper() {
    return MapperHolder.MAPPER;
  }

  /**
   * Reads one JSON value into a tree, as {@code ObjectMapper.readTree(byte[])} does with its
   * defaults: a later duplicate key wins, integers become int, long or big-integer nodes, other
   * numbers double nodes, content after the first value is ignored, and empty input gives a
   * {@link MissingNode}.
   *
   * @throws IOException when the bytes are not well-formed JSON or exceed mp's limits
   */
  public static JsonNode readTree(byte[] bytes) throws IOException {
    try (JsonParser parser = factory().createParser(bytes)) {
      JsonNode node = readTree(parser);
      return node == null ? MissingNode.getInstance() : node;
    }
  }

  /**
   * Reads the value at the parser's current token (or, before the first token, the next one) into a
   * tree, leaving the parser on the value's last token, as {@code ObjectMapper.readTree(JsonParser)}
   * does.
   *
   * @return the tree, or null at the end of the input
   * @throws IOException when the input is not well-formed JSON
   */
  public static JsonNode readTree(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      token = parser.nextToken();
    }
    return token == null ? null : value(parser, token);
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    switch (token) {
      case START_OBJECT:
      case FIELD_NAME:
        ObjectNode object = nodes.objectNode();
        JsonToken next = token == JsonToken.FIELD_NAME ? token : parser.nextToken();
        for (; next == JsonToken.FIELD_NAME; next = parser.nextToken()) {
          String key = parser.currentName();
          object.set(key, value(parser, parser.nextToken()));
        }
        return object;
      case START_ARRAY:
        ArrayNode array = nodes.arrayNode();
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
          array.add(value(parser, item));
        }
        return array;
      case VALUE_NUMBER_FLOAT:
        return nodes.numberNode(parser.getDoubleValue());
      default:
        JsonNode scalar = scalar(parser, token);
        if (scalar == null) {
          throw new IOException("unexpected token " + token);
        }
        return scalar;
    }
  }

  /**
   * The node of a string, integer, boolean or null token (integers as int, long or big-integer
   * nodes); null for any other token, which each reader handles its own way.
   */
  public static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    switch (token) {
      case VALUE_STRING:
        return nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        switch (parser.getNumberType()) {
          case INT:
            return nodes.numberNode(parser.getIntValue());
          case LONG:
            return nodes.numberNode(parser.getLongValue());
          default:
            return nodes.numberNode(parser.getBigIntegerValue());
        }
      case VALUE_TRUE:
        return nodes.booleanNode(true);
      case VALUE_FALSE:
        return nodes.booleanNode(false);
      case VALUE_NULL:
        return nodes.nullNode();
      default:
        return null;
    }
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }
}
