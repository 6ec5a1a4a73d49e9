package dev.mp.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.Reporter;
import dev.mp.sign.IndexCheck.Accepted;
import dev.mp.sign.IndexCheck.Reason;
import dev.mp.sign.IndexCheck.Rejected;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexVerifierTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private final Ed25519PrivateKey key = TestKeys.signing();
  private final TrustedKeys trusted = new TrustedKeys(List.of(key.publicKey()));

  /** The sample index signed {@code times} times (serial = times), expiring 30 days after NOW. */
  private IndexSigner.SignedIndex signed(int times) {
    byte[] bytes = TestKeys.sampleIndex().getBytes(StandardCharsets.UTF_8);
    IndexSigner.SignedIndex signed = null;
    for (int i = 0; i < times; i++) {
      signed = IndexSigner.sign("index.json", bytes, key, Duration.ofDays(30), NOW);
      bytes = signed.bytes();
    }
    return signed;
  }

  private static IndexCheck verify(byte[] bytes, String sig, TrustedKeys keys, boolean require, AcceptedIndex previous, Instant now) {
    return IndexVerifier.verify(new IndexVerifier.Request(bytes, sig, keys, require, previous, now));
  }

  private static AcceptedIndex previous(IndexSigner.SignedIndex index) {
    return new AcceptedIndex(index.serial(), dev.mp.integrity.TreeHash.sha256Hex(index.bytes()));
  }

  @Test
  void signedIndexIsAcceptedWithItsSerialAndExpiryAndIsRemembered() {
    IndexSigner.SignedIndex index = signed(3);
    IndexCheck check = verify(index.bytes(), index.signature() + "\n", trusted, true, null, NOW);
    assertThat(check).isInstanceOf(Accepted.class);
    Accepted accepted = (Accepted) check;
    assertThat(accepted.signature()).isEqualTo(IndexCheck.Signature.VERIFIED);
    assertThat(accepted.keyIndex()).isZero();
    assertThat(accepted.serial()).isEqualTo(3);
    assertThat(accepted.expires()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    assertThat(accepted.toRemember()).contains(previous(index));
  }

  @Test
  void tamperedIndexIsRejectedAsBadSignature() {
    IndexSigner.SignedIndex index = signed(1);
    byte[] tampered = index.bytes().clone();
    tampered[tampered.length - 3] ^= 1;
    assertThat(verify(tampered, index.signature(), trusted, false, null, NOW))
        .isEqualTo(new Rejected(Reason.BAD_SIGNATURE, "index signature is invalid: it does not verify under the registry's key"));
  }

  @Test
  void indexSignedWithAnotherKeyIsRejected() {
    IndexSigner.SignedIndex index = signed(1);
    TrustedKeys other = new TrustedKeys(List.of(TestKeys.other().publicKey()));
    assertThat(verify(index.bytes(), index.signature(), other, false, null, NOW))
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void garbageOrHugeSigFileIsRejected() {
    IndexSigner.SignedIndex index = signed(1);
    assertThat(verify(index.bytes(), "<html>not found</html>", trusted, false, null, NOW))
        .isEqualTo(new Rejected(Reason.BAD_SIGNATURE,
            "index signature is invalid: malformed signature: expected `ed25519:` and the base64 of 64 bytes"));
    assertThat(verify(index.bytes(), index.signature() + " ".repeat(2000), trusted, false, null, NOW))
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void unsignedIndexIsRejectedWhenSignaturesAreRequired() {
    IndexSigner.SignedIndex index = signed(1);
    assertThat(verify(index.bytes(), null, trusted, true, null, NOW)).isEqualTo(new Rejected(Reason.UNSIGNED,
        "the registry serves no index signature (`.sig`) and `requireSignedIndex` is set"));
    assertThat(verify(index.bytes(), null, TrustedKeys.NONE, true, null, NOW))
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.NO_KEYS));
  }

  @Test
  void unsignedIndexIsAcceptedWhenNotRequiredButNeverRemembered() {
    IndexSigner.SignedIndex index = signed(5);
    Accepted withKeys = (Accepted) verify(index.bytes(), null, trusted, false, null, NOW);
    assertThat(withKeys.signature()).isEqualTo(IndexCheck.Signature.UNSIGNED);
    assertThat(withKeys.toRemember()).isEmpty();
    Accepted withoutKeys = (Accepted) verify(index.bytes(), index.signature(), TrustedKeys.NONE, false, null, NOW);
    assertThat(withoutKeys.signature()).isEqualTo(IndexCheck.Signature.NO_KEYS);
    assertThat(withoutKeys.toRemember()).isEmpty();
  }

  @Test
  void strippingTheSignatureAfterASignedIndexWasAcceptedIsADowngrade() {
    IndexSigner.SignedIndex index = signed(2);
    assertThat(verify(index.bytes(), null, trusted, false, previous(signed(1)), NOW)).isEqualTo(new Rejected(
        Reason.DOWNGRADE, "the index is not signed, but a signed index (serial 1) was accepted from this registry before"));
  }

  @Test
  void olderSerialIsRejectedAsRollback() {
    IndexSigner.SignedIndex old = signed(2);
    AcceptedIndex newer = previous(signed(3));
    assertThat(verify(old.bytes(), old.signature(), trusted, false, newer, NOW))
        .isEqualTo(new Rejected(Reason.ROLLBACK, "serial 2 is older than serial 3 accepted before"));
  }

  @Test
  void signedIndexWithoutSerialAfterOneWasAcceptedIsRollback() {
    byte[] bytes = "{\"plugins\": {}}\n".getBytes(StandardCharsets.UTF_8);
    assertThat(verify(bytes, key.sign(bytes), trusted, false, previous(signed(1)), NOW))
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.ROLLBACK));
  }

  @Test
  void sameSerialWithOtherBytesIsRejectedAndSameBytesAccepted() {
    IndexSigner.SignedIndex index = signed(2);
    AcceptedIndex remembered = new AcceptedIndex(2, dev.mp.integrity.TreeHash.sha256Hex("other bytes".getBytes(StandardCharsets.UTF_8)));
    assertThat(verify(index.bytes(), index.signature(), trusted, false, remembered, NOW))
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.SERIAL_REUSED));
    assertThat(verify(index.bytes(), index.signature(), trusted, false, previous(index), NOW)).isInstanceOf(Accepted.class);
  }

  @Test
  void newerSerialIsAccepted() {
    IndexSigner.SignedIndex index = signed(4);
    assertThat(verify(index.bytes(), index.signature(), trusted, false, previous(signed(3)), NOW)).isInstanceOf(Accepted.class);
  }

  @Test
  void expiredIndexIsRejectedAsFreezeSignedOrNot() {
    IndexSigner.SignedIndex index = signed(1);
    Instant later = NOW.plus(Duration.ofDays(30));
    assertThat(verify(index.bytes(), index.signature(), trusted, false, null, later)).isEqualTo(new Rejected(Reason.EXPIRED,
        "the index expired at 2026-07-01T12:00:00Z (now 2026-07-01T12:00:00Z)"));
    assertThat(verify(index.bytes(), null, TrustedKeys.NONE, false, null, later))
        .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.EXPIRED));
    assertThat(verify(index.bytes(), index.signature(), trusted, false, null, later.minusSeconds(1))).isInstanceOf(Accepted.class);
  }

  @Test
  void malformedSerialOrExpiresIsRejected() {
    byte[] bytes = "{\"serial\": -1, \"plugins\": {}}".getBytes(StandardCharsets.UTF_8);
    assertThat(verify(bytes, key.sign(bytes), trusted, false, null, NOW))
        .isEqualTo(new Rejected(Reason.MALFORMED, "`serial` is not a non-negative integer: -1"));
    byte[] expires = "{\"expires\": \"soon\", \"plugins\": {}}".getBytes(StandardCharsets.UTF_8);
    assertThat(verify(expires, key.sign(expires), trusted, false, null, NOW))
        .isEqualTo(new Rejected(Reason.MALFORMED, "`expires` is not an ISO time: \"soon\""));
    byte[] twice = "{\"serial\": 9, \"plugins\": {}, \"serial\": 1}".getBytes(StandardCharsets.UTF_8);
    assertThat(verify(twice, key.sign(twice), trusted, false, null, NOW))
        .isEqualTo(new Rejected(Reason.MALFORMED, "duplicate `serial`"));
  }

  @Test
  void headerIsReadWhereverItIsAndNonJsonHasNone() {
    byte[] bytes = "{\"plugins\": {\"a\": {\"serial\": 99}}, \"serial\": 7, \"expires\": \"2027-01-01T00:00:00Z\"}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(IndexHeader.read(bytes)).isEqualTo(new IndexHeader(7L, Instant.parse("2027-01-01T00:00:00Z"), null));
    assertThat(IndexHeader.read("not json".getBytes(StandardCharsets.UTF_8))).isEqualTo(IndexHeader.NONE);
    assertThat(IndexHeader.read("[1, 2]".getBytes(StandardCharsets.UTF_8))).isEqualTo(IndexHeader.NONE);
  }

  @Test
  void rejectionMapsToIndexRejectedNamingTheRegistry() {
    MpException e = new Rejected(Reason.ROLLBACK, "serial 2 is older than serial 3 accepted before").toException("team");
    assertThat(e.code()).isEqualTo(ErrorCode.INDEX_REJECTED);
    assertThat(e.exitCode()).isEqualTo(1);
    assertThat(e.getMessage()).isEqualTo("index of registry `team` rejected: serial 2 is older than serial 3 accepted before");
    assertThat(e.hint()).contains("serials.json");
    assertThat(new Rejected(Reason.EXPIRED, "x").toException("team").hint()).contains("--expires");
  }

  @Test
  void aStateFolderThatCannotBeWrittenWarnsButKeepsTheIndex(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    // Readable but not writable (tests may run as root, so permissions cannot be used): the lock
    // file that every write takes is a folder.
    java.nio.file.Files.createDirectories(dir.resolve("state/serials.json.lock"));
    SerialStore store = new SerialStore(dir.resolve("state/serials.json"));
    dev.mp.config.RegistrySpec spec = new dev.mp.config.RegistrySpec("team", "https://plugins.team.dev/index.json", 0,
        dev.mp.config.AuthSpec.NONE, dev.mp.config.PolicyMode.OPEN, true, List.of(key.publicKey().text()), false,
        java.util.Map.of());
    IndexSigner.SignedIndex index = signed(1);
    List<String> warnings = new java.util.ArrayList<>();
    assertThat(IndexVerifier.verifyAndRemember(spec, dir, index.bytes(), index.signature(), store, NOW, warnings::add)
        .signature()).isEqualTo(IndexCheck.Signature.VERIFIED);
    assertThat(warnings).singleElement().asString()
        .startsWith("cannot record serial 1 of registry `team`, so rollback protection cannot advance: failed to lock");
  }

  @Test
  void signatureUrlAppendsSigToThePathBeforeTheQuery() {
    assertThat(IndexVerifier.signatureUrl("https://r.dev/index.json")).isEqualTo("https://r.dev/index.json.sig");
    assertThat(IndexVerifier.signatureUrl("https://r.dev/index.json?ref=main#x")).isEqualTo("https://r.dev/index.json.sig?ref=main#x");
  }

  @Test
  void verifyAndRememberRefusesRollbackAcrossCalls(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    SerialStore store = new SerialStore(dir.resolve("state/serials.json"));
    dev.mp.config.RegistrySpec spec = new dev.mp.config.RegistrySpec("team", "https://plugins.team.dev/index.json", 0,
        dev.mp.config.AuthSpec.NONE, dev.mp.config.PolicyMode.OPEN, true, List.of(key.publicKey().text()), true,
        java.util.Map.of());
    IndexSigner.SignedIndex second = signed(2);
    IndexSigner.SignedIndex first = signed(1);
    assertThat(IndexVerifier.verifyAndRemember(spec, dir, second.bytes(), second.signature(), store, NOW, Reporter.SILENT)
        .serial()).isEqualTo(2);
    assertThat(store.find("https://plugins.team.dev/index.json")).contains(previous(second));
    assertThatThrownBy(() -> IndexVerifier.verifyAndRemember(spec, dir, first.bytes(), first.signature(), store, NOW,
        Reporter.SILENT))
        .isInstanceOfSatisfying(MpException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INDEX_REJECTED);
          assertThat(e.getMessage()).isEqualTo("index of registry `team` rejected: serial 1 is older than serial 2 accepted before");
        });
  }
}
