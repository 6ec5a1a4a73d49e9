package dev.mp.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import dev.mp.testing.Gen;
import dev.mp.testing.Property;
import org.junit.jupiter.api.Test;

class SignatureProperties {
  private static final Ed25519PrivateKey KEY = TestKeys.signing();
  private static final TrustedKeys TRUSTED = new TrustedKeys(List.of(KEY.publicKey()));
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @Test
  void everySignedEntryVerifiesAndNoOtherStatementDoes() {
    Property.forAll(100, gen -> everySignedEntryVerifiesAndNoOtherStatementDoes(name(gen), name(gen), name(gen)));
  }

  private static void everySignedEntryVerifiesAndNoOtherStatementDoes(String name, String version, String other)
      throws IOException {
    ObjectNode root = Json.object();
    root.put("version", 1);
    ObjectNode entry = root.putObject("plugins").putObject(name);
    entry.put("version", version);
    entry.put("integrity", TestKeys.integrity(name + version));
    byte[] bytes = CanonicalJson.toString(root, false).getBytes(StandardCharsets.UTF_8);
    IndexSigner.SignedIndex signed = IndexSigner.sign("index.json", bytes, KEY, null, NOW);
    JsonNode written = Json.mapper().readTree(signed.bytes()).get("plugins").get(name);
    String signature = written.get("signature").textValue();
    String integrity = written.get("integrity").textValue();
    assertThat(TRUSTED.verifyRelease(name, version, integrity, signature)).isInstanceOf(SignatureCheck.Verified.class);
    if (!other.equals(name)) {
      assertThat(TRUSTED.verifyRelease(other, version, integrity, signature)).isInstanceOf(SignatureCheck.Invalid.class);
    }
    if (!other.equals(version)) {
      assertThat(TRUSTED.verifyRelease(name, other, integrity, signature)).isInstanceOf(SignatureCheck.Invalid.class);
    }
  }

  @Test
  void flippingAnyBitOfASignedIndexBreaksItsSignature() {
    Property.forAll(100, gen -> {
      int position = gen.between(0, Integer.MAX_VALUE);
      int bit = gen.between(0, 7);
      IndexSigner.SignedIndex signed = SIGNED;
      byte[] tampered = signed.bytes().clone();
      tampered[position % tampered.length] ^= (byte) (1 << bit);
      assertThat(TRUSTED.verify(tampered, signed.signature())).isInstanceOf(SignatureCheck.Invalid.class);
      IndexCheck check = IndexVerifier.verify(
          new IndexVerifier.Request(tampered, signed.signature(), TRUSTED, false, null, NOW));
      assertThat(check).isInstanceOfSatisfying(IndexCheck.Rejected.class,
          r -> assertThat(r.reason()).isEqualTo(IndexCheck.Reason.BAD_SIGNATURE));
    });
  }

  @Test
  void signingTwiceWithTheSameKeyGivesTheSameBytes() {
    Property.forAll(50, gen -> signingTwiceWithTheSameKeyGivesTheSameBytes(name(gen)));
  }

  private static void signingTwiceWithTheSameKeyGivesTheSameBytes(String name) {
    String index = "{\"plugins\": {" + Json.mapper().getNodeFactory().textNode(name) + ": {\"version\": \"1.0.0\", "
        + "\"integrity\": \"" + TestKeys.integrity(name) + "\"}}}";
    byte[] bytes = index.getBytes(StandardCharsets.UTF_8);
    assertThat(IndexSigner.sign("i", bytes, KEY, null, NOW).bytes()).isEqualTo(IndexSigner.sign("i", bytes, KEY, null, NOW).bytes());
  }

  private static final IndexSigner.SignedIndex SIGNED =
      IndexSigner.sign("index.json", TestKeys.sampleIndex().getBytes(StandardCharsets.UTF_8), KEY, null, NOW);

  /** Any text without line breaks (which signed statements refuse) that survives UTF-8. */
  private static String name(Gen gen) {
    return gen.filtered(() -> gen.anyString(1, 20), s -> s.indexOf('\n') < 0 && s.indexOf('\r') < 0);
  }
}
