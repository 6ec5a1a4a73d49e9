package dev.mp.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {
  // RFC 8032 §7.1, test 1: the JDK's Ed25519 must agree with the specification byte for byte.
  private static final String RFC_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  private static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  private static final String RFC_SIGNATURE =
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

  private static Ed25519PrivateKey rfcKey() {
    byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + RFC_SEED);
    return Ed25519PrivateKey.parse(Ed25519PrivateKey.PREFIX + Base64.getEncoder().encodeToString(pkcs8), "rfc.key");
  }

  @Test
  void privateKeyDerivesThePublicKeyOfRfc8032() {
    assertThat(rfcKey().publicKey().raw()).isEqualTo(HexFormat.of().parseHex(RFC_PUBLIC));
  }

  @Test
  void signatureMatchesRfc8032AndVerifiesUnderTheRawPublicKey() {
    String signature = rfcKey().sign(new byte[0]);
    assertThat(signature).isEqualTo("ed25519:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(RFC_SIGNATURE)));
    TrustedKeys keys = new TrustedKeys(List.of(Ed25519PublicKey.of(HexFormat.of().parseHex(RFC_PUBLIC))));
    assertThat(keys.verify(new byte[0], signature)).isInstanceOf(SignatureCheck.Verified.class);
  }

  @Test
  void publicKeyTextRoundTripsAndIsCanonicalised() {
    Ed25519PublicKey key = TestKeys.signing().publicKey();
    assertThat(Ed25519PublicKey.parse(key.text())).isEqualTo(key);
    assertThat(Ed25519PublicKey.parse(key.text().replace("=", "")).text()).isEqualTo(key.text());
    assertThat(key.toString()).isEqualTo(key.text()).startsWith("ed25519:");
    assertThat(key.text()).isEqualTo(TestKeys.resource("test-only-signing.key.pub").strip());
  }

  @Test
  void malformedPublicKeysAreConfigErrorsNamingTheText() {
    for (String bad : List.of("", "ed25519:", "ed25519:!!!", "rsa:AAAA",
        "ed25519:" + Base64.getEncoder().encodeToString(new byte[31]))) {
      assertThat(Ed25519PublicKey.find(bad)).as(bad).isEmpty();
      assertThatThrownBy(() -> Ed25519PublicKey.parse(bad))
          .isInstanceOfSatisfying(MpException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
            assertThat(e.getMessage()).contains("`" + bad + "`");
            assertThat(e.hint()).contains("mp registry keygen");
          });
    }
  }

  @Test
  void privateKeyFileRoundTripsThroughItsOneLineForm() {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate();
    String text = new String(key.encode(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("ed25519-private:").endsWith("\n").hasLineCount(1);
    Ed25519PrivateKey again = Ed25519PrivateKey.parse(text, "k");
    assertThat(again.publicKey()).isEqualTo(key.publicKey());
    assertThat(again.sign("m".getBytes(StandardCharsets.UTF_8))).isEqualTo(key.sign("m".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void privateKeyIsAlsoReadFromOpensslPem() {
    Ed25519PrivateKey key = TestKeys.signing();
    String der = new String(key.encode(), StandardCharsets.UTF_8).strip().substring("ed25519-private:".length());
    String pem = "-----BEGIN PRIVATE KEY-----\n" + der + "\n-----END PRIVATE KEY-----\n";
    assertThat(Ed25519PrivateKey.parse(pem, "key.pem").publicKey()).isEqualTo(key.publicKey());
  }

  @Test
  void malformedPrivateKeyFilesAreRefusedWithoutEchoingTheirContent() {
    String secretLooking = "ed25519-private:c2VjcmV0LXNlY3JldC1zZWNyZXQ=";
    for (String bad : List.of("", "hello", secretLooking, "ed25519-private:%%%",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----")) {
      assertThatThrownBy(() -> Ed25519PrivateKey.parse(bad, "ci.key"))
          .isInstanceOfSatisfying(MpException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_ERROR);
            assertThat(e.getMessage()).startsWith("`ci.key` is not an mp private key").doesNotContain("c2Vj");
          });
    }
  }

  @Test
  void aPublicKeyGivenAsPrivateKeySaysSo() {
    assertThatThrownBy(() -> Ed25519PrivateKey.parse(TestKeys.resource("test-only-signing.key.pub"), "k.pub"))
        .isInstanceOfSatisfying(MpException.class,
            e -> assertThat(e.getMessage()).isEqualTo("`k.pub` holds a public key, not a private key"));
  }

  @Test
  void privateKeyToStringShowsOnlyThePublicKey() {
    Ed25519PrivateKey key = TestKeys.signing();
    String secret = new String(key.encode(), StandardCharsets.UTF_8).strip().substring("ed25519-private:".length());
    assertThat(key.toString()).contains(key.publicKey().text()).doesNotContain(secret);
  }
}
