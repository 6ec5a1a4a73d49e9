package dev.mp.sign;

import dev.mp.MpException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The public keys a registry's signatures are checked against (its {@code keys} in {@code
 * registries.json}), and the checks themselves. A signature verifies when it verifies under any one of
 * the keys, so a publisher can rotate keys by listing the old and the new one for a while. Immutable
 * and thread-safe; the JDK keys are built once, on first need, so checking many releases stays cheap.
 */
public final class TrustedKeys {
  /** No keys: every check is {@link SignatureCheck.NoKeys}. */
  public static final TrustedKeys NONE = new TrustedKeys(List.of());

  static final int SIGNATURE_LENGTH = 64;

  private final List<Ed25519PublicKey> keys;
  /** Built on the first signature the memo does not vouch for: loading the JDK's EC provider costs start-up time. */
  private volatile List<PublicKey> jdkKeys;
  private final List<byte[]> rawKeys;
  private final VerifiedSignatures memo;

  /** @param keys the keys, in the order the configuration lists them */
  public TrustedKeys(List<Ed25519PublicKey> keys) {
    this(keys, null);
  }

  private TrustedKeys(List<Ed25519PublicKey> keys, VerifiedSignatures memo) {
    this.keys = List.copyOf(keys);
    List<byte[]> raw = new ArrayList<>(this.keys.size());
    for (Ed25519PublicKey key : this.keys) {
      raw.add(key.raw());
    }
    this.rawKeys = List.copyOf(raw);
    this.memo = memo;
  }

  /**
   * These keys, remembering in {@code memo} which signatures verified so that they are not verified
   * again (on JDK 17 an Ed25519 verification costs about a millisecond).
   */
  public TrustedKeys withMemo(VerifiedSignatures memo) {
    return new TrustedKeys(keys, java.util.Objects.requireNonNull(memo));
  }

  /** The keys, in the order the configuration lists them. */
  public List<Ed25519PublicKey> keys() {
    return keys;
  }

  /**
   * The keys of {@code ed25519:BASE64} strings, such as {@code RegistrySpec.keys()}.
   *
   * @throws MpException {@code CONFIG_ERROR} naming the first malformed key
   */
  public static TrustedKeys parse(List<String> texts) {
    List<Ed25519PublicKey> keys = new ArrayList<>(texts.size());
    for (String text : texts) {
      keys.add(Ed25519PublicKey.parse(text));
    }
    return new TrustedKeys(keys);
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /**
   * Checks the signature of a release: {@code signature} over {@link ReleaseStatement#of}.
   *
   * @param integrity the release's integrity, or null when the index gives none (a signature then
   *     cannot be valid)
   * @param signature {@code ed25519:BASE64}, or null when the release carries none
   * @return never null; never throws for a bad signature
   */
  public SignatureCheck verifyRelease(String name, String version, String integrity, String signature) {
    if (keys.isEmpty()) {
      return SignatureCheck.NO_KEYS;
    }
    if (signature == null) {
      return SignatureCheck.UNSIGNED;
    }
    if (integrity == null) {
      return new SignatureCheck.Invalid("it has a signature but no `integrity` for it to cover");
    }
    String problem = ReleaseStatement.problem(name, version, integrity);
    if (problem != null) {
      return new SignatureCheck.Invalid("cannot build the signed statement: " + problem);
    }
    return verify(ReleaseStatement.of(name, version, integrity), signature);
  }

  /**
   * Checks {@code signature} over {@code message} (an index's exact bytes, or a statement).
   *
   * @param signature {@code ed25519:BASE64} of 64 bytes, or null when there is none
   * @return never null; never throws for a bad signature
   */
  public SignatureCheck verify(byte[] message, String signature) {
    if (keys.isEmpty()) {
      return SignatureCheck.NO_KEYS;
    }
    if (signature == null) {
      return SignatureCheck.UNSIGNED;
    }
    byte[] raw = decodeSignature(signature);
    if (raw == null) {
      return new SignatureCheck.Invalid("malformed signature: expected `ed25519:` and the base64 of 64 bytes");
    }
    if (memo != null) {
      for (int i = 0; i < keys.size(); i++) {
        if (memo.contains(rawKeys.get(i), raw, message)) {
          return new SignatureCheck.Verified(i, keys.get(i));
        }
      }
    }
    List<PublicKey> jdk = jdkKeys();
    for (int i = 0; i < keys.size(); i++) {
      if (verifies(jdk.get(i), message, raw)) {
        if (memo != null) {
          memo.add(rawKeys.get(i), raw, message);
        }
        return new SignatureCheck.Verified(i, keys.get(i));
      }
    }
    return new SignatureCheck.Invalid(keys.size() == 1
        ? "it does not verify under the registry's key"
        : "it does not verify under any of the registry's " + keys.size() + " keys");
  }

  private List<PublicKey> jdkKeys() {
    List<PublicKey> value = jdkKeys;
    if (value == null) {
      value = keys.stream().map(Ed25519PublicKey::toJdkKey).toList();
      jdkKeys = value;
    }
    return value;
  }

  /** The 64 signature bytes of {@code ed25519:BASE64}, or null when malformed. */
  static byte[] decodeSignature(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith(Ed25519PublicKey.PREFIX)) {
      return null;
    }
    try {
      byte[] raw = Base64.getDecoder().decode(trimmed.substring(Ed25519PublicKey.PREFIX.length()));
      return raw.length == SIGNATURE_LENGTH ? raw : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TrustedKeys && ((TrustedKeys) other).keys.equals(keys);
  }

  @Override
  public int hashCode() {
    return keys.hashCode();
  }

  @Override
  public String toString() {
    return "TrustedKeys" + keys;
  }

  private static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // The JDK reports some malformed signatures (a point not on the curve) by throwing.
      return false;
    }
  }
}
