package dev.mp.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.testing.Gen;
import dev.mp.testing.Property;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A streamed document is byte for byte what the tree writer gives for the same tree. */
class CanonicalJsonStreamTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static JsonNode tree(Gen gen, int depth) {
    int kind = depth > 4 ? gen.between(2, 6) : gen.between(0, 6);
    switch (kind) {
      case 0: {
        ObjectNode object = NODES.objectNode();
        for (int i = gen.between(0, 4); i > 0; i--) {
          object.set(gen.utf16String(0, 6), tree(gen, depth + 1));
        }
        return object;
      }
      case 1: {
        ArrayNode array = NODES.arrayNode();
        for (int i = gen.between(0, 4); i > 0; i--) {
          array.add(tree(gen, depth + 1));
        }
        return array;
      }
      case 2:
        return NODES.textNode(gen.utf16String(0, 12));
      case 3:
        return NODES.numberNode(gen.anyLong());
      case 4:
        return NODES.booleanNode(gen.bool());
      case 5:
        return NODES.nullNode();
      default:
        return NODES.numberNode(gen.anyInt());
    }
  }

  /** Writes {@code node} through the stream's calls, a subtree now and then as a tree. */
  private static void stream(JsonNode node, CanonicalJson.Stream out, Gen gen) {
    if (gen.chance(0.1)) {
      out.node(node);
    } else if (node.isObject()) {
      out.beginObject();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        out.name(field.getKey());
        stream(field.getValue(), out, gen);
      }
      out.endObject();
    } else if (node.isArray()) {
      out.beginArray();
      for (JsonNode element : node) {
        stream(element, out, gen);
      }
      out.endArray();
    } else if (node.isTextual()) {
      out.value(node.textValue());
    } else if (node.isBoolean()) {
      out.value(node.booleanValue());
    } else if (node.isNull()) {
      out.nullValue();
    } else {
      out.value(node.longValue());
    }
  }

  @Test
  void aStreamedDocumentIsWhatTheTreeWriterWrites() {
    Property.forAll(500, gen -> {
      ObjectNode document = NODES.objectNode();
      for (int i = gen.between(0, 5); i > 0; i--) {
        document.set(gen.utf16String(0, 6), tree(gen, 1));
      }
      StringWriter streamed = new StringWriter();
      CanonicalJson.Stream out = new CanonicalJson.Stream(streamed);
      stream(document, out, gen);
      out.finish();
      StringWriter written = new StringWriter();
      CanonicalJson.write(document, false, written);
      assertThat(streamed.toString()).as(document.toString()).isEqualTo(written.toString());
    });
  }

  @Test
  void misuseIsRefused() {
    CanonicalJson.Stream out = new CanonicalJson.Stream(new StringWriter());
    out.beginArray();
    assertThatThrownBy(() -> out.name("x")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(out::endObject).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(out::finish).isInstanceOf(IllegalStateException.class);
  }
}
