package dev.mp.lock.sbom;

import dev.mp.capability.Capabilities;
import dev.mp.io.Sha256;
import dev.mp.lock.LockedPlugin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** What both SBOM formats say about a plugin, written the same way in each. Stateless. */
final class SbomFacts {
  private SbomFacts() {}

  /** {@code sha512} and the hex of an SRI string ({@code sha512-BASE64}), or null when it is not one. */
  static String[] hash(String sri) {
    if (sri == null) {
      return null;
    }
    int dash = sri.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      return new String[] {sri.substring(0, dash).toLowerCase(Locale.ROOT),
          HexFormat.of().formatHex(Base64.getDecoder().decode(sri.substring(dash + 1)))};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A package URL of the generic type: {@code pkg:generic/alpha@1.0.0}. */
  static String purl(String name, String version) {
    return "pkg:generic/" + encode(name) + "@" + encode(version);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * A UUID derived from {@code bytes} (the lockfile's): the same lockfile names the same document.
   * Written as an RFC 9562 version 8 (custom) UUID over SHA-256.
   */
  static String uuid(byte[] bytes) {
    byte[] digest = HexFormat.of().parseHex(Sha256.hex(bytes));
    digest[6] = (byte) ((digest[6] & 0x0F) | 0x80);
    digest[8] = (byte) ((digest[8] & 0x3F) | 0x80);
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (digest[i] & 0xFF);
      low = (low << 8) | (digest[8 + i] & 0xFF);
    }
    return new UUID(high, low).toString();
  }

  /** The properties of a locked plugin beyond name, version and hashes, in a fixed order. */
  static Map<String, String> properties(LockedPlugin plugin, String registryLocation) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("mp:registry", plugin.source());
    if (registryLocation != null) {
      properties.put("mp:registryLocation", registryLocation);
    }
    properties.put("mp:resolved", plugin.resolved());
    properties.put("mp:integrity", plugin.integrity());
    if (plugin.archiveIntegrity() != null) {
      properties.put("mp:archiveIntegrity", plugin.archiveIntegrity());
    }
    properties.put("mp:signature", plugin.isSigned() ? "verified" : plugin.isClaimedSigned() ? "claimed" : "unsigned");
    if (plugin.trustScore() != null) {
      properties.put("mp:trustScore", plugin.trustScore().toString());
    }
    Capabilities capabilities = plugin.capabilities();
    if (capabilities == null) {
      properties.put("mp:capabilities", "unknown");
    } else {
      properties.put("mp:capabilities", capabilities.isEmpty() ? "none"
          : String.join(",", capabilities.values().keySet().stream().map(c -> c.wire()).toList()));
      capabilities.values().forEach((kind, names) -> properties.put("mp:capability:" + kind.wire(), String.join(",", names)));
    }
    return properties;
  }
}
