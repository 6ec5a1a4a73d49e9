package dev.mp.sign;

import dev.mp.MpException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * An Ed25519 public key as mp writes it: {@code ed25519:} followed by the standard base64 of the raw
 * 32-byte key (RFC 8032), the form {@code registries.json} {@code keys} and {@code --key} take.
 * Immutable and thread-safe.
 *
 * @param text the key in its text form, {@code ed25519:BASE64}; never null
 */
public record Ed25519PublicKey(String text) {
  /** The prefix of keys and signatures. */
  public static final String PREFIX = "ed25519:";

  /**
   * DER of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112) without the key bytes: the
   * JDK imports raw keys only in this wrapping.
   */
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  static final int LENGTH = 32;

  /** Takes the key in any base64 padding and keeps it in the canonical (padded) form. */
  public Ed25519PublicKey {
    byte[] raw = decode(text).orElseThrow(() -> new IllegalArgumentException("not an Ed25519 public key"));
    text = PREFIX + Base64.getEncoder().encodeToString(raw);
  }

  /**
   * Parses {@code ed25519:BASE64} of a 32-byte key.
   *
   * @throws MpException {@code CONFIG_ERROR} naming the text when it is not such a key
   */
  public static Ed25519PublicKey parse(String text) {
    return find(text)
        .orElseThrow(() -> MpException.config(
            "invalid Ed25519 public key `" + text + "`: expected `ed25519:` and the base64 of 32 bytes",
            "create a key pair with `mp registry keygen FILE`; the public key is in `FILE.pub`"));
  }

  /** The key, or empty when {@code text} is not {@code ed25519:BASE64} of 32 bytes. */
  public static Optional<Ed25519PublicKey> find(String text) {
    return decode(text).map(raw -> new Ed25519PublicKey(text));
  }

  /** The key of raw bytes. */
  public static Ed25519PublicKey of(byte[] raw) {
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
    }
    return new Ed25519PublicKey(PREFIX + Base64.getEncoder().encodeToString(raw));
  }

  /** The key of a JDK Ed25519 public key. */
  static Ed25519PublicKey of(PublicKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded.length != X509_PREFIX.length + LENGTH
        || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
    }
    return of(Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length));
  }

  /** The raw 32 bytes. */
  public byte[] raw() {
    return decode(text).orElseThrow();
  }

  /** The key for {@code java.security.Signature}. */
  public PublicKey toJdkKey() {
    byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + LENGTH);
    System.arraycopy(raw(), 0, der, X509_PREFIX.length, LENGTH);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot import an Ed25519 key", e);
    }
  }

  @Override
  public String toString() {
    return text;
  }

  private static Optional<byte[]> decode(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      byte[] raw = Base64.getDecoder().decode(text.substring(PREFIX.length()));
      return raw.length == LENGTH ? Optional.of(raw) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
