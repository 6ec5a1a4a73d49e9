package dev.mp.sign;

import dev.mp.MpException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 private key with its public key. Its file form is one line, {@code
 * ed25519-private:BASE64\n}, the base64 being the key's PKCS#8 DER (what {@code openssl genpkey
 * -algorithm ed25519 -outform DER} writes); a PEM {@code PRIVATE KEY} block (what {@code openssl
 * genpkey -algorithm ed25519} writes) is read too. The key bytes never appear in {@link #toString()}
 * or in an error message. Immutable and thread-safe.
 */
public final class Ed25519PrivateKey {
  /** The prefix of the one-line file form. */
  public static final String PREFIX = "ed25519-private:";

  private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PEM_END = "-----END PRIVATE KEY-----";

  private final PrivateKey key;
  private final Ed25519PublicKey publicKey;

  private Ed25519PrivateKey(PrivateKey key, Ed25519PublicKey publicKey) {
    this.key = key;
    this.publicKey = publicKey;
  }

  /** A new random key from the JDK's strong random source. */
  public static Ed25519PrivateKey generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return new Ed25519PrivateKey(pair.getPrivate(), Ed25519PublicKey.of(pair.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate Ed25519 keys", e);
    }
  }

  /**
   * Parses the text of a private key file.
   *
   * @param label how the file is named in errors
   * @throws MpException {@code CONFIG_ERROR} naming {@code label} (never the content) when the text is
   *     not an Ed25519 private key
   */
  public static Ed25519PrivateKey parse(String text, String label) {
    String trimmed = text.strip();
    String base64;
    if (trimmed.startsWith(PREFIX) && trimmed.indexOf('\n') < 0) {
      base64 = trimmed.substring(PREFIX.length());
    } else if (trimmed.startsWith(PEM_BEGIN) && trimmed.endsWith(PEM_END)) {
      base64 = trimmed.substring(PEM_BEGIN.length(), trimmed.length() - PEM_END.length()).replaceAll("\\s", "");
    } else if (trimmed.startsWith(Ed25519PublicKey.PREFIX)) {
      throw MpException.config("`" + label + "` holds a public key, not a private key",
          "pass the private key file written by `mp registry keygen FILE` (FILE, not FILE.pub)");
    } else {
      throw malformed(label, "expected one line `" + PREFIX + "BASE64`");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw malformed(label, "the key is not valid base64");
    }
    PrivateKey key;
    try {
      key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw malformed(label, "the key is not a PKCS#8 Ed25519 private key");
    }
    if (!(key instanceof EdECPrivateKey)
        || !"Ed25519".equalsIgnoreCase(((EdECPrivateKey) key).getParams().getName())
        || ((EdECPrivateKey) key).getBytes().isEmpty()) {
      throw malformed(label, "the key is not an Ed25519 private key");
    }
    return new Ed25519PrivateKey(key, derivePublicKey(((EdECPrivateKey) key).getBytes().get()));
  }

  /** The file form: {@code ed25519-private:BASE64\n}. Secret: write it only to an owner-only file. */
  public byte[] encode() {
    return (PREFIX + Base64.getEncoder().encodeToString(key.getEncoded()) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /** The signature of {@code message}, {@code ed25519:BASE64} of 64 bytes (deterministic, RFC 8032). */
  public String sign(byte[] message) {
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(message);
      return Ed25519PublicKey.PREFIX + Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot sign with Ed25519", e);
    }
  }

  @Override
  public String toString() {
    return "Ed25519PrivateKey[public " + publicKey + "]";
  }

  /**
   * The public key of a 32-byte seed. The JDK has no public call for it, but its key-pair generator
   * draws exactly the seed from the random source it is given, so a source that returns the seed
   * rebuilds the pair; the check below makes sure it did.
   */
  private static Ed25519PublicKey derivePublicKey(byte[] seed) {
    SecureRandom replay =
        new SecureRandom() {
          private static final long serialVersionUID = 1L;

          @Override
          public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
              throw new IllegalStateException("unexpected request for " + bytes.length + " random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
          }
        };
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, replay);
      KeyPair pair = generator.generateKeyPair();
      byte[] rebuilt = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
      if (!Arrays.equals(rebuilt, seed)) {
        throw new IllegalStateException("the JDK did not rebuild the Ed25519 key pair from its seed");
      }
      return Ed25519PublicKey.of(pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot derive an Ed25519 public key", e);
    }
  }

  private static MpException malformed(String label, String why) {
    return MpException.config("`" + label + "` is not an mp private key: " + why,
        "create one with `mp registry keygen FILE`");
  }
}
