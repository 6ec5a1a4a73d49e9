package dev.mp.integrity;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Subresource-integrity strings: {@code sha512-} (or {@code sha384-}, {@code sha256-}) followed by the
 * base64 of the digest. mp writes {@code sha512}; it reads the others for {@code archiveIntegrity}.
 */
public final class Integrity {
  private Integrity() {}

  /** True when {@code text} is a well-formed SRI string of a supported algorithm. */
  public static boolean isValid(String text) {
    if (text == null) {
      return false;
    }
    int dash = text.indexOf('-');
    if (dash < 0) {
      return false;
    }
    int length = digestLength(text.substring(0, dash));
    if (length < 0) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(text.substring(dash + 1)).length == length;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code sha512-<base64>} of a finished SHA-512 digest. */
  public static String sha512(byte[] digest) {
    return "sha512-" + Base64.getEncoder().encodeToString(digest);
  }

  /** A fresh digest for the algorithm of {@code sri} ({@code sha256}, {@code sha384}, {@code sha512}). */
  public static MessageDigest digestFor(String sri) {
    int dash = sri.indexOf('-');
    String algorithm = dash < 0 ? "" : sri.substring(0, dash).toLowerCase(Locale.ROOT);
    if (digestLength(algorithm) < 0) {
      throw new MpException(ErrorCode.INTEGRITY_MISMATCH, "unsupported integrity algorithm in `" + sri + "`",
          "use sha512-, sha384- or sha256- followed by base64");
    }
    return newDigest(algorithm.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"));
  }

  /** The SRI string of {@code bytes} under the algorithm of {@code like}. */
  public static String of(byte[] bytes, String like) {
    MessageDigest digest = digestFor(like);
    return like.substring(0, like.indexOf('-')).toLowerCase(Locale.ROOT) + "-"
        + Base64.getEncoder().encodeToString(digest.digest(bytes));
  }

  static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  private static int digestLength(String algorithm) {
    switch (algorithm.toLowerCase(Locale.ROOT)) {
      case "sha256":
        return 32;
      case "sha384":
        return 48;
      case "sha512":
        return 64;
      default:
        return -1;
    }
  }
}
