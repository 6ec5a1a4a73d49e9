package dev.mp.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import dev.mp.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexSignerTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private final Ed25519PrivateKey key = TestKeys.signing();
  private final TrustedKeys trusted = new TrustedKeys(List.of(key.publicKey()));
  @TempDir Path dir;

  private IndexSigner.SignedIndex sign(String index) {
    return IndexSigner.sign("index.json", index.getBytes(StandardCharsets.UTF_8), key, null, NOW);
  }

  private static JsonNode tree(byte[] bytes) throws IOException {
    return Json.mapper().readTree(bytes);
  }

  @Test
  void everyEntryAndReleaseVerifiesAndTheSigFileCoversTheExactBytes() throws IOException {
    Path index = TestFiles.write(dir.resolve("index.json"), TestKeys.sampleIndex());
    IndexSigner.SignedIndex signed = IndexSigner.signFile(index, "index.json", key, null, NOW);
    byte[] written = Files.readAllBytes(index);
    assertThat(written).isEqualTo(signed.bytes());
    assertThat(TestFiles.read(dir.resolve("index.json.sig"))).isEqualTo(signed.signature() + "\n");
    assertThat(trusted.verify(written, TestFiles.read(dir.resolve("index.json.sig")))).isInstanceOf(SignatureCheck.Verified.class);
    assertThat(signed.entries()).isEqualTo(2);
    assertThat(signed.releases()).isEqualTo(2);

    JsonNode plugins = tree(written).get("plugins");
    for (String name : List.of("gamma", "alpha")) {
      JsonNode entry = plugins.get(name);
      assertThat(entry.get("signed").booleanValue()).isTrue();
      assertThat(trusted.verifyRelease(name, entry.get("version").textValue(), entry.get("integrity").textValue(),
          entry.get("signature").textValue())).as(name).isInstanceOf(SignatureCheck.Verified.class);
    }
    plugins.get("gamma").get("releases").properties().forEach(release ->
        assertThat(trusted.verifyRelease("gamma", release.getKey(), release.getValue().get("integrity").textValue(),
            release.getValue().get("signature").textValue())).as(release.getKey()).isInstanceOf(SignatureCheck.Verified.class));
  }

  @Test
  void keepsEveryFieldAndTheKeyOrderAndAddsSerialBeforePlugins() throws IOException {
    byte[] bytes = sign(TestKeys.sampleIndex()).bytes();
    ObjectNode root = (ObjectNode) tree(bytes);
    assertThat(fieldNames(root)).containsExactly("version", "updatedAt", "serial", "plugins");
    assertThat(fieldNames(root.get("plugins"))).containsExactly("gamma", "alpha");
    assertThat(fieldNames(root.get("plugins").get("gamma"))).containsExactly(
        "name", "version", "description", "integrity", "resolved", "dependencies", "trustScore", "releases",
        "signature", "signed");
    assertThat(fieldNames(root.get("plugins").get("alpha"))).containsExactly(
        "version", "integrity", "resolved", "signed", "x-extra", "signature");
    assertThat(root.get("plugins").get("alpha").get("x-extra").toString()).isEqualTo("{\"kept\":[1,2.5,null]}");
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(CanonicalJson.toString(root, false)).startsWith("{\n  \"version\": 1,\n").endsWith("}\n");
  }

  @Test
  void serialGrowsByOneOnEverySigningAndSigningAgainIsStable() throws IOException {
    IndexSigner.SignedIndex first = sign(TestKeys.sampleIndex());
    assertThat(first.serial()).isEqualTo(1);
    IndexSigner.SignedIndex second = sign(new String(first.bytes(), StandardCharsets.UTF_8));
    assertThat(second.serial()).isEqualTo(2);
    assertThat(tree(second.bytes()).get("serial").asLong()).isEqualTo(2);
    String withoutSerial = new String(second.bytes(), StandardCharsets.UTF_8).replace("\"serial\": 2", "\"serial\": 1");
    assertThat(withoutSerial).isEqualTo(new String(first.bytes(), StandardCharsets.UTF_8));
  }

  @Test
  void expiresIsSetFromTheClockAndKeptWhenNotGiven() throws IOException {
    IndexSigner.SignedIndex signed = IndexSigner.sign("index.json",
        TestKeys.sampleIndex().getBytes(StandardCharsets.UTF_8), key, Duration.ofDays(30), NOW.plusMillis(123));
    assertThat(signed.expires()).isEqualTo(Instant.parse("2026-07-01T12:00:00Z"));
    JsonNode root = tree(signed.bytes());
    assertThat(fieldNames(root)).containsExactly("version", "updatedAt", "serial", "expires", "plugins");
    assertThat(root.get("expires").textValue()).isEqualTo("2026-07-01T12:00:00Z");
    IndexSigner.SignedIndex again = sign(new String(signed.bytes(), StandardCharsets.UTF_8));
    assertThat(again.expires()).isEqualTo(signed.expires());
  }

  @Test
  void anIndexThatAlreadyExpiredIsRefusedUnlessANewLifetimeIsGiven() {
    String expired = TestKeys.sampleIndex().replace("\"updatedAt\"", "\"expires\": \"2026-05-01T00:00:00Z\", \"updatedAt\"");
    assertThatThrownBy(() -> sign(expired)).isInstanceOfSatisfying(MpException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
      assertThat(e.getMessage()).isEqualTo(
          "index.json:3:14: field `expires`: the index expired at 2026-05-01T00:00:00Z; clients would refuse it");
      assertThat(e.hint()).contains("--expires 30d");
    });
    assertThat(IndexSigner.sign("index.json", expired.getBytes(StandardCharsets.UTF_8), key, Duration.ofHours(12), NOW)
        .expires()).isEqualTo(NOW.plus(Duration.ofHours(12)));
  }

  @Test
  void entryWithoutIntegrityIsRefusedByName() {
    String index = "{\"version\": 1, \"plugins\": {\"delta\": {\"version\": \"2.0.0\", \"resolved\": \"d.tgz\"}}}";
    assertThatThrownBy(() -> sign(index)).isInstanceOfSatisfying(MpException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
      assertThat(e.getMessage()).isEqualTo(
          "index.json:1:37: field `plugins.delta`: `delta@2.0.0` has no `integrity`, so it cannot be signed");
    });
  }

  @Test
  void releaseWithoutIntegrityIsRefusedByNameAndVersion() {
    String index = TestKeys.sampleIndex().replace(
        "\"1.1.0\": {\"integrity\": \"" + TestKeys.integrity("gamma-1.1.0") + "\", ", "\"1.1.0\": {");
    assertThatThrownBy(() -> sign(index)).isInstanceOfSatisfying(MpException.class,
        e -> assertThat(e.getMessage()).contains("field `plugins.gamma.releases.1.1.0`: `gamma@1.1.0` has no `integrity`"));
  }

  @Test
  void nameOrVersionThatDisagreesWithItsKeyIsRefused() {
    assertThatThrownBy(() -> sign(TestKeys.sampleIndex().replace("\"name\": \"gamma\"", "\"name\": \"other\"")))
        .isInstanceOfSatisfying(MpException.class,
            e -> assertThat(e.getMessage()).contains("`other` differs from the entry's key `gamma`"));
    assertThatThrownBy(() -> sign(TestKeys.sampleIndex().replace("\"1.1.0\": {", "\"1.1.0\": {\"version\": \"9.9.9\", ")))
        .isInstanceOfSatisfying(MpException.class,
            e -> assertThat(e.getMessage()).contains("`9.9.9` differs from the release's key `1.1.0`"));
  }

  @Test
  void marketplaceFilesAndBrokenJsonAreConfigErrors() {
    assertThatThrownBy(() -> sign("{\"name\": \"m\", \"plugins\": []}")).isInstanceOfSatisfying(MpException.class, e -> {
      assertThat(e.getMessage()).isEqualTo("index.json:1:26: field `plugins`: expected an object of plugins by name");
      assertThat(e.hint()).contains("not Claude Code marketplace.json files");
    });
    assertThatThrownBy(() -> sign("{\"plugins\": {")).isInstanceOfSatisfying(MpException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR));
    assertThatThrownBy(() -> sign("{\"version\": 2, \"plugins\": {}}")).isInstanceOfSatisfying(MpException.class,
        e -> assertThat(e.getMessage()).contains("unsupported index version 2"));
    assertThatThrownBy(() -> sign("{\"serial\": \"seven\", \"plugins\": {}}")).isInstanceOfSatisfying(MpException.class,
        e -> assertThat(e.getMessage()).contains("field `serial`: expected a non-negative integer"));
  }

  @Test
  void tamperingAnyByteOfTheIndexInvalidatesTheIndexSignature() {
    IndexSigner.SignedIndex signed = sign(TestKeys.sampleIndex());
    byte[] tampered = signed.bytes().clone();
    int at = new String(tampered, StandardCharsets.UTF_8).indexOf("Gamma");
    tampered[at] = 'g';
    assertThat(trusted.verify(tampered, signed.signature())).isInstanceOf(SignatureCheck.Invalid.class);
    assertThat(trusted.verify(signed.bytes(), signed.signature())).isInstanceOf(SignatureCheck.Verified.class);
  }

  @Test
  void tamperedEntryIntegrityInvalidatesThatEntrySignature() throws IOException {
    JsonNode gamma = tree(sign(TestKeys.sampleIndex()).bytes()).get("plugins").get("gamma");
    SignatureCheck check = trusted.verifyRelease("gamma", "1.2.0", TestKeys.integrity("malicious"),
        gamma.get("signature").textValue());
    assertThat(check).isInstanceOf(SignatureCheck.Invalid.class);
  }

  @Test
  void signaturesFromAnotherKeyDoNotVerify() throws IOException {
    IndexSigner.SignedIndex signed = sign(TestKeys.sampleIndex());
    TrustedKeys other = new TrustedKeys(List.of(TestKeys.other().publicKey()));
    assertThat(other.verify(signed.bytes(), signed.signature())).isInstanceOf(SignatureCheck.Invalid.class);
    JsonNode alpha = tree(signed.bytes()).get("plugins").get("alpha");
    assertThat(other.verifyRelease("alpha", "1.0.0", alpha.get("integrity").textValue(), alpha.get("signature").textValue()))
        .isInstanceOf(SignatureCheck.Invalid.class);
  }

  @Test
  void signatureFileSitsBesideTheIndex() {
    assertThat(IndexSigner.signatureFile(Path.of("/srv/registry/index.json"))).isEqualTo(Path.of("/srv/registry/index.json.sig"));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
