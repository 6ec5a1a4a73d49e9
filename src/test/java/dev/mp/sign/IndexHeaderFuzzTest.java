package dev.mp.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mp.Reporter;
import dev.mp.registry.source.DocumentOrigin;
import dev.mp.registry.source.IndexParser;
import dev.mp.registry.source.ParseWarnings;
import dev.mp.testing.FuzzRules;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * The header of a signed index ({@code serial}, {@code expires}), read by streaming over bytes that
 * a signature may or may not cover. Reading never fails; when the index parser accepts the same
 * bytes, both read the same serial and expiry (the signature check and the loader must agree on
 * what was signed). The verifier answers accepted or rejected for any index and signature text.
 */
class IndexHeaderFuzzTest {
  private static final Ed25519PrivateKey KEY = TestKeys.signing();
  private static final TrustedKeys TRUSTED = new TrustedKeys(List.of(KEY.publicKey()));
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @FuzzTest
  @Timeout(10)
  @DictionaryFile(resourcePath = "/dev/mp/fuzz/json.dict")
  @DictionaryEntries({"\"serial\"", "\"expires\"", "\"plugins\"", "\"version\"", "\"updatedAt\"", "0", "18446744073709551615",
      "\"2030-01-01T00:00:00Z\"", "\"2026-06-01T12:00:00Z\"", "\"+10000-01-01T00:00:00Z\""})
  void headersAreReadAsTheIndexParserReadsThem(byte[] bytes) throws Exception {
    IndexHeader header = IndexHeader.read(bytes);
    assertThat(header).isNotNull();
    IndexParser.Summary summary;
    try {
      summary = IndexParser.parse(new ByteArrayInputStream(bytes), "index.json",
          new DocumentOrigin.Remote(URI.create("https://registry.example/index.json")),
          new ParseWarnings("registry `fuzz`", Reporter.SILENT), entry -> true);
    } catch (dev.mp.MpException e) {
      return;
    }
    if (header.problem() == null) {
      assertThat(header.serial()).as("serial").isEqualTo(summary.serial());
      assertThat(header.expires()).as("expires")
          .isEqualTo(summary.expires() == null ? null : Instant.parse(summary.expires()));
    }
  }

  @FuzzTest
  @Timeout(10)
  @DictionaryFile(resourcePath = "/dev/mp/fuzz/json.dict")
  @DictionaryEntries({"\"serial\"", "\"expires\"", "\"plugins\"", "\"version\"", "\"integrity\"", "\"releases\"",
      "\"signature\"", "ed25519:", "="})
  void theVerifierAcceptsOrRejectsAnyIndexAndAcceptsWhatWasSigned(FuzzedDataProvider data) throws Exception {
    boolean sign = data.consumeBoolean();
    boolean required = data.consumeBoolean();
    AcceptedIndex previous = data.consumeBoolean()
        ? new AcceptedIndex(data.consumeLong(0, Long.MAX_VALUE), "0".repeat(64)) : null;
    String fuzzedSignature = data.consumeBoolean() ? data.consumeString(200) : null;
    byte[] index = data.consumeRemainingAsBytes();
    String signature = sign ? KEY.sign(index) : fuzzedSignature;
    FuzzRules.codedOnly(() -> {
      IndexCheck check = IndexVerifier.verify(new IndexVerifier.Request(index, signature, TRUSTED, required, previous, NOW));
      assertThat(check).isNotNull();
      if (check instanceof IndexCheck.Accepted accepted && signature != null) {
        assertThat(accepted.signature()).isEqualTo(IndexCheck.Signature.VERIFIED);
      }
    });
    FuzzRules.codedOnly(() -> {
      IndexSigner.SignedIndex signed = IndexSigner.sign("index.json", index, KEY, null, NOW);
      IndexCheck check = IndexVerifier.verify(
          new IndexVerifier.Request(signed.bytes(), signed.signature(), TRUSTED, true, null, NOW));
      assertThat(check).as(check.toString()).isInstanceOfSatisfying(IndexCheck.Accepted.class,
          accepted -> assertThat(accepted.serial()).isEqualTo(signed.serial()));
    });
  }
}
