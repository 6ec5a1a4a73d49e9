package dev.mp.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static final List<String> DOCUMENTS = List.of(
      "{}",
      "[]",
      "null",
      "\"text\"",
      "{\"a\": 1, \"b\": [true, false, null], \"c\": {\"d\": \"e\"}}",
      "{\"int\": 2147483647, \"long\": 2147483648, \"big\": 123456789012345678901234567890}",
      "{\"neg\": -9223372036854775809, \"float\": 1.5, \"exp\": 1e3, \"small\": -0.0}",
      "{\"dup\": 1, \"dup\": \"later wins\"}",
      "[{\"source\": \"github\", \"repo\": \"o/r\"}, \"beta@^2\", [1, [2, [3]]]]",
      "{\"unicode\": \"\\u00e9\\ud83d\\ude00\", \"escaped\": \"a\\\"b\\\\c\\n\"}",
      "{\"a\": 1} trailing content is ignored");

  @Test
  void readsTheSameTreesAsTheMapper() throws IOException {
    for (String document : DOCUMENTS) {
      byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
      JsonNode expected = Json.mapper().readTree(bytes);
      JsonNode actual = Json.readTree(bytes);
      assertThat(actual).as(document).isEqualTo(expected);
      assertThat(actual.getClass()).as(document).isEqualTo(expected.getClass());
      expected.fields().forEachRemaining(e ->
          assertThat(actual.get(e.getKey()).getClass()).as(document + " " + e.getKey()).isEqualTo(e.getValue().getClass()));
    }
  }

  @Test
  void emptyInputIsAMissingNodeAsWithTheMapper() throws IOException {
    assertThat(Json.readTree(new byte[0])).isSameAs(MissingNode.getInstance());
    assertThat(Json.mapper().readTree(new byte[0])).isSameAs(MissingNode.getInstance());
  }

  @Test
  void readsTheValueUnderTheParserAndStopsOnItsLastToken() throws IOException {
    byte[] bytes = "{\"x\": {\"y\": [1, 2]}, \"z\": 3}".getBytes(StandardCharsets.UTF_8);
    try (JsonParser parser = Json.factory().createParser(bytes)) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      parser.nextToken();
      assertThat(Json.readTree(parser).toString()).isEqualTo("{\"y\":[1,2]}");
      assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(parser.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
      assertThat(parser.currentName()).isEqualTo("z");
    }
  }

  @Test
  void refusesMalformedAndTooDeepInput() {
    assertThatThrownBy(() -> Json.readTree("{\"a\": }".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
    byte[] deep = ("[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Json.readTree(deep)).isInstanceOf(IOException.class);
  }
}
