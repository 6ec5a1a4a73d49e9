package dev.mp.registry.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mp.io.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The fields of an entry or release, read leniently: a wrong type becomes a problem, not an error. */
final class IndexFields {
  String version;
  String name;
  String description;
  String integrity;
  String archiveIntegrity;
  String signature;
  JsonNode resolved;
  JsonNode dependencies;
  Boolean signed;
  Boolean yanked;
  String yankedReason;
  Integer trustScore;
  final List<IndexFields> releases = new ArrayList<>();
  final List<String> problems = new ArrayList<>();
  private final String prefix;

  IndexFields(String version, String prefix) {
    this.version = version;
    this.prefix = prefix;
  }

  void read(JsonParser parser, boolean entry) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (field) {
        case "version":
          if (entry) {
            version = text(parser, field, token);
          } else {
            parser.skipChildren();
          }
          break;
        case "name":
          name = text(parser, field, token);
          break;
        case "description":
          description = text(parser, field, token);
          break;
        case "integrity":
          integrity = text(parser, field, token);
          break;
        case "archiveIntegrity":
          archiveIntegrity = text(parser, field, token);
          break;
        case "signature":
          signature = text(parser, field, token);
          break;
        case "resolved":
          if (token == JsonToken.VALUE_STRING) {
            resolved = TextNode.valueOf(parser.getText());
          } else if (token == JsonToken.START_OBJECT) {
            resolved = Json.readTree(parser);
          } else {
            wrongType(parser, field, "a string or a source object");
          }
          break;
        case "dependencies":
          dependencies = readDependencies(parser, token);
          break;
        case "signed":
          if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            signed = token == JsonToken.VALUE_TRUE;
          } else {
            wrongType(parser, field, "true or false");
          }
          break;
        case "yanked":
          if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            yanked = token == JsonToken.VALUE_TRUE;
          } else {
            wrongType(parser, field, "true or false");
          }
          break;
        case "yankedReason":
          yankedReason = text(parser, field, token);
          break;
        case "trustScore":
          if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            trustScore = parser.getIntValue();
          } else {
            wrongType(parser, field, "an integer from 0 to 100");
          }
          break;
        case "releases":
          if (entry && token == JsonToken.START_OBJECT) {
            readReleases(parser);
          } else {
            wrongType(parser, field, "an object of version to release");
          }
          break;
        default:
          parser.skipChildren();
      }
    }
  }

  /** Strings are read as they stream by; only an array holding objects is read as a tree. */
  private JsonNode readDependencies(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      return Json.readTree(parser);
    }
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    JsonToken item;
    while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
      array.add(item == JsonToken.VALUE_STRING ? TextNode.valueOf(parser.getText()) : Json.readTree(parser));
    }
    return array;
  }

  private void readReleases(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String releaseVersion = parser.currentName();
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        problems.add("field `releases." + releaseVersion + "`: expected an object; ignored");
        parser.skipChildren();
        continue;
      }
      IndexFields release = new IndexFields(releaseVersion, "releases." + releaseVersion + ".");
      release.read(parser, false);
      releases.add(release);
    }
  }

  private String text(JsonParser parser, String field, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (token != JsonToken.VALUE_NULL) {
      wrongType(parser, field, "a string");
    }
    return null;
  }

  private void wrongType(JsonParser parser, String field, String expected) throws IOException {
    problems.add("field `" + prefix + field + "`: expected " + expected + "; ignored");
    parser.skipChildren();
  }
}
