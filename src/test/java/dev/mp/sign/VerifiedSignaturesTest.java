package dev.mp.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedSignaturesTest {
  @TempDir Path cache;
  private final Ed25519PrivateKey key = TestKeys.signing();
  private final String integrity = TestKeys.integrity("gamma-1.2.0");
  private final String signature = key.sign(ReleaseStatement.of("gamma", "1.2.0", integrity));

  private Path memoFile() {
    return cache.resolve("signatures-v1/verified");
  }

  private TrustedKeys keys() {
    return new TrustedKeys(List.of(TestKeys.other().publicKey(), key.publicKey())).withMemo(VerifiedSignatures.inCache(cache));
  }

  @Test
  void aVerifiedSignatureIsRecordedOnceAndFoundByTheNextRun() throws IOException {
    assertThat(keys().verifyRelease("gamma", "1.2.0", integrity, signature)).isEqualTo(new SignatureCheck.Verified(1, key.publicKey()));
    assertThat(Files.size(memoFile())).isEqualTo(VerifiedSignatures.RECORD);
    assertThat(keys().verifyRelease("gamma", "1.2.0", integrity, signature)).isEqualTo(new SignatureCheck.Verified(1, key.publicKey()));
    assertThat(Files.size(memoFile())).isEqualTo(VerifiedSignatures.RECORD);
  }

  @Test
  void failuresAreNeverRecordedAndStayFailures() {
    TrustedKeys keys = keys();
    assertThat(keys.verifyRelease("gamma", "1.2.0", TestKeys.integrity("evil"), signature)).isInstanceOf(SignatureCheck.Invalid.class);
    assertThat(memoFile()).doesNotExist();
    assertThat(keys.verifyRelease("gamma", "1.2.0", TestKeys.integrity("evil"), signature)).isInstanceOf(SignatureCheck.Invalid.class);
  }

  @Test
  void aRecordVouchesForExactlyItsKeySignatureAndMessage() {
    VerifiedSignatures memo = VerifiedSignatures.inCache(cache);
    byte[] bogus = new byte[64];
    byte[] message = ReleaseStatement.of("gamma", "1.2.0", integrity);
    memo.add(key.publicKey().raw(), bogus, message);
    TrustedKeys keys = new TrustedKeys(List.of(key.publicKey())).withMemo(VerifiedSignatures.inCache(cache));
    String bogusText = "ed25519:" + Base64.getEncoder().encodeToString(bogus);
    // The memo is trusted like the rest of the user's cache: a record stands for a verification.
    assertThat(keys.verify(message, bogusText)).isInstanceOf(SignatureCheck.Verified.class);
    assertThat(keys.verify("other".getBytes(StandardCharsets.UTF_8), bogusText)).isInstanceOf(SignatureCheck.Invalid.class);
    TrustedKeys otherKey = new TrustedKeys(List.of(TestKeys.other().publicKey())).withMemo(VerifiedSignatures.inCache(cache));
    assertThat(otherKey.verify(message, bogusText)).isInstanceOf(SignatureCheck.Invalid.class);
  }

  @Test
  void aTornOrOversizedFileCostsOnlyTime() throws IOException {
    Files.createDirectories(memoFile().getParent());
    Files.write(memoFile(), new byte[VerifiedSignatures.RECORD + 5]);
    assertThat(keys().verifyRelease("gamma", "1.2.0", integrity, signature)).isInstanceOf(SignatureCheck.Verified.class);
    assertThat(Files.size(memoFile())).isEqualTo(VerifiedSignatures.RECORD);
    Files.write(memoFile(), new byte[VerifiedSignatures.RECORD * VerifiedSignatures.MAX_RECORDS + VerifiedSignatures.RECORD]);
    assertThat(keys().verifyRelease("gamma", "1.2.0", integrity, signature)).isInstanceOf(SignatureCheck.Verified.class);
    assertThat(Files.size(memoFile())).isEqualTo(VerifiedSignatures.RECORD);
  }
}
