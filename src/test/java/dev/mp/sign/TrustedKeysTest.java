package dev.mp.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedKeysTest {
  private final Ed25519PrivateKey signing = TestKeys.signing();
  private final String integrity = TestKeys.integrity("gamma-1.2.0");
  private final String signature = signing.sign(ReleaseStatement.of("gamma", "1.2.0", integrity));
  private final TrustedKeys trusted = new TrustedKeys(List.of(signing.publicKey()));

  @Test
  void statementIsExactlyTheDesignedBytes() {
    assertThat(new String(ReleaseStatement.of("gamma", "1.2.0", "sha512-x"), StandardCharsets.UTF_8))
        .isEqualTo("mp-signature-v1\ngamma\n1.2.0\nsha512-x\n");
  }

  @Test
  void releaseSignedWithTrustedKeyIsVerified() {
    SignatureCheck check = trusted.verifyRelease("gamma", "1.2.0", integrity, signature);
    assertThat(check).isEqualTo(new SignatureCheck.Verified(0, signing.publicKey()));
    assertThat(check.signed(false)).isTrue();
    assertThat(check.describe(false)).isEqualTo("verified");
  }

  @Test
  void secondKeyVerifiesSoKeysCanBeRotated() {
    TrustedKeys rotated = new TrustedKeys(List.of(TestKeys.other().publicKey(), signing.publicKey()));
    assertThat(rotated.verifyRelease("gamma", "1.2.0", integrity, signature))
        .isEqualTo(new SignatureCheck.Verified(1, signing.publicKey()));
  }

  @Test
  void signatureMovedToAnotherNameVersionOrIntegrityIsInvalid() {
    assertThat(trusted.verifyRelease("gamma-backdoor", "1.2.0", integrity, signature)).isInstanceOf(SignatureCheck.Invalid.class);
    assertThat(trusted.verifyRelease("gamma", "1.2.1", integrity, signature)).isInstanceOf(SignatureCheck.Invalid.class);
    assertThat(trusted.verifyRelease("gamma", "1.2.0", TestKeys.integrity("evil"), signature))
        .isInstanceOf(SignatureCheck.Invalid.class);
  }

  @Test
  void signatureByAnotherKeyIsInvalidAndNeverUnsigned() {
    String foreign = TestKeys.other().sign(ReleaseStatement.of("gamma", "1.2.0", integrity));
    SignatureCheck check = trusted.verifyRelease("gamma", "1.2.0", integrity, foreign);
    assertThat(check).isEqualTo(new SignatureCheck.Invalid("it does not verify under the registry's key"));
    assertThat(check.signed(true)).isFalse();
  }

  @Test
  void malformedSignaturesAreInvalid() {
    for (String bad : List.of("", "ed25519:", "ed25519:AAAA", "rsa:" + signature.substring(8), "ed25519:%%")) {
      assertThat(trusted.verifyRelease("gamma", "1.2.0", integrity, bad)).as(bad)
          .isEqualTo(new SignatureCheck.Invalid("malformed signature: expected `ed25519:` and the base64 of 64 bytes"));
    }
  }

  @Test
  void signatureWithoutIntegrityOrWithLineBreaksIsInvalid() {
    assertThat(trusted.verifyRelease("gamma", "1.2.0", null, signature)).isInstanceOf(SignatureCheck.Invalid.class);
    assertThat(trusted.verifyRelease("gam\nma", "1.2.0", integrity, signature))
        .isEqualTo(new SignatureCheck.Invalid("cannot build the signed statement: the name contains a line break"));
  }

  @Test
  void missingSignatureWithKeysIsUnsigned() {
    SignatureCheck check = trusted.verifyRelease("gamma", "1.2.0", integrity, null);
    assertThat(check).isInstanceOf(SignatureCheck.Unsigned.class);
    assertThat(check.signed(true)).isFalse();
  }

  @Test
  void withoutKeysTheIndexClaimIsShownAsClaimed() {
    SignatureCheck check = TrustedKeys.NONE.verifyRelease("gamma", "1.2.0", integrity, "ed25519:garbage");
    assertThat(check).isInstanceOf(SignatureCheck.NoKeys.class);
    assertThat(check.signed(true)).isTrue();
    assertThat(check.describe(true)).isEqualTo("claimed");
    assertThat(check.signed(false)).isFalse();
  }

  @Test
  void invalidMapsToSignatureInvalidExitingOne() {
    MpException e = new SignatureCheck.Invalid("it does not verify").toException("`gamma@1.2.0` from registry `team`");
    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    assertThat(e.exitCode()).isEqualTo(1);
    assertThat(e.getMessage()).isEqualTo("signature of `gamma@1.2.0` from registry `team` is invalid: it does not verify");
  }

  @Test
  void parsingConfiguredKeysRefusesAMalformedOne() {
    assertThat(TrustedKeys.parse(List.of(signing.publicKey().text())).keys()).containsExactly(signing.publicKey());
    assertThatThrownBy(() -> TrustedKeys.parse(List.of("ed25519:short")))
        .isInstanceOfSatisfying(MpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR));
  }
}
