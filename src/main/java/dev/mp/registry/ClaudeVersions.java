package dev.mp.registry;

import dev.mp.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The versions Claude Code gives plugins whose entry and {@code plugin.json} name none (measured with
 * Claude Code 2.1.332): a git source's commit cut to 12 hex digits ({@code f67e98246a45}), followed for
 * a {@code git-subdir} source by {@code -} and 8 hex digits of the SHA-256 of its path
 * ({@code 0a783bc61ed0-7a72d72a}); an archive's SHA-256 cut to 12 digits; else {@link #UNKNOWN}. A
 * git {@code ref} is never a version. Stateless.
 */
public final class ClaudeVersions {
  /** What Claude Code shows when nothing gives a version (and what mp lists before a fetch can tell). */
  public static final String UNKNOWN = "unknown";

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private ClaudeVersions() {}

  /** {@code <first 12 hex digits of the commit>[-<path digest>]}. */
  public static String ofCommit(String sha, String pathDigest) {
    String cut = sha.toLowerCase(Locale.ROOT).substring(0, Math.min(12, sha.length()));
    return pathDigest == null ? cut : cut + "-" + pathDigest;
  }

  /**
   * The first 8 hex digits of the SHA-256 of a {@code git-subdir} path, normalized as Claude Code does
   * ({@code \} to {@code /}, one leading {@code ./} and the trailing {@code /}s dropped).
   */
  public static String pathDigest(String path) {
    String normalized = path.replace('\\', '/');
    if (normalized.startsWith("./")) {
      normalized = normalized.substring(2);
    }
    normalized = normalized.replaceAll("/+$", "");
    return Sha256.hex(normalized.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
  }

  /** True for the 64 hex digits of a SHA-256, the form of an {@code archive} source's {@code sha256}. */
  public static boolean isSha256Hex(String text) {
    return text != null && SHA256_HEX.matcher(text).matches();
  }

  /** {@code sha256-<base64>} of a digest given as hex. */
  public static String sha256Integrity(String hex) {
    return "sha256-" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
  }

  /** The version an archive's bytes give: 12 hex digits of their SHA-256, or null when {@code sri} is not SHA-256. */
  public static String ofArchive(String sri) {
    if (sri == null || !sri.startsWith("sha256-")) {
      return null;
    }
    try {
      return HexFormat.of().formatHex(Base64.getDecoder().decode(sri.substring(7))).substring(0, 12);
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      return null;
    }
  }
}
