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
  void aLoneSurrogateIsWrittenAsAnEscapeSoThatItReadsBackUnchanged() throws Exception {
    ObjectNode node = Json.object();
    String lone = "a\ud800b\udfff";
    String paired = "rocket \ud83d\ude80 \" \ud800";
    node.put("lone", lone);
    node.put("paired", paired);
    byte[] bytes = CanonicalJson.sortedBytes(node);
    assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"lone\": \"a\\uD800b\\uDFFF\"")
        .contains("\"paired\": \"rocket \ud83d\ude80 \\\" \\uD800\"")
        .doesNotContain("?");
    assertThat(Json.readTree(bytes)).isEqualTo(node);
    assertThat(Json.readTree(CanonicalJson.compact(node, true).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(node);
  }

  @Test
  void keepsInsertionOrderWhenNotSorting() {
    ObjectNode node = Json.object();
    node.put("b", 1);
    node.put("a", 2);
    assertThat(CanonicalJson.toString(node, false)).isEqualTo("{\n  \"b\": 1,\n  \"a\": 2\n}\n");
    assertThat(CanonicalJson.compact(node, true)).isEqualTo("{\"a\":2,\"b\":1}");
  }

  @Test
  void writesScalarsExactlyAsJacksonDoes() throws Exception {
    ObjectNode node = Json.object();
    node.put("int", -2147483648).put("long", 9223372036854775807L).put("big", new java.math.BigInteger("-123456789012345678901234567890"))
        .put("double", 1.5e-7).put("decimal", new java.math.BigDecimal("10.250")).put("float", 0.1f)
        .put("true", true).put("false", false).putNull("null");
    node.put("controls", "tab\t nul\u0000 bell\u0007 cr\r esc\u001b del\u007f").put("plain", "naïve ☃ 😀 </script>")
        .put("quotes", "\"\\/");
    node.putArray("mixed").add(0).add(-1L).add("").add(true);
    assertThat(CanonicalJson.compact(node, false)).isEqualTo(Json.mapper().writeValueAsString(node));
  }
}
