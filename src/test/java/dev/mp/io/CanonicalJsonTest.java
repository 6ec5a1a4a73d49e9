package dev.mp.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  @Test
  void writesSortedKeysTwoSpaceIndentAndAFinalNewline() {
    ObjectNode node = Json.object();
    node.put("zeta", 1);
    node.putArray("alpha").add("x").add(true);
    node.putObject("mid");
    node.putArray("empty");
    node.put("text", "quote \" and \\ and \n and é");
    assertThat(new String(CanonicalJson.sortedBytes(node), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("""
        {
          "alpha": [
            "x",
            true
          ],
          "empty": [],
          "mid": {},
          "text": "quote \\" and \\\\ and \\n and é",
          "zeta": 1
        }
        """);
  }

  @Test
  void keepsInsertionOrderWhenNotSorting() {
    ObjectNode node = Json.object();
    node.put("b", 1);
    node.put("a", 2);
    assertThat(CanonicalJson.toString(node, false)).isEqualTo("{\n  \"b\": 1,\n  \"a\": 2\n}\n");
    assertThat(CanonicalJson.compact(node, true)).isEqualTo("{\"a\":2,\"b\":1}");
  }
}
