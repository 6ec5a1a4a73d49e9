package dev.mp.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mp.MpException;
import dev.mp.integrity.Integrity;
import dev.mp.resolve.Version;
import dev.mp.resolve.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An npm registry's document about one package (its packument; the abbreviated form {@code
 * application/vnd.npm.install-v1+json} is enough): its versions with their tarball and integrity, and
 * its dist-tags. Picks the version for a spec the way npm and Claude Code do. Immutable.
 */
final class NpmPackument {
  /**
   * One published version.
   *
   * @param version the exact version
   * @param tarball the tarball's URL, or null when the registry gives none
   * @param integrity the strongest SRI of {@code dist.integrity} (sha512, else sha384, else sha256), or null
   */
  record Published(String version, String tarball, String integrity) {}

  private final TreeMap<String, Published> versions;
  private final Map<String, String> distTags;

  private NpmPackument(TreeMap<String, Published> versions, Map<String, String> distTags) {
    this.versions = versions;
    this.distTags = distTags;
  }

  /** Reads a packument; versions without a usable {@code version} are left out. */
  static NpmPackument parse(JsonNode root) {
    TreeMap<String, Published> versions = new TreeMap<>();
    root.path("versions").properties().forEach(field -> {
      JsonNode dist = field.getValue().path("dist");
      String version = text(field.getValue(), "version");
      versions.put(field.getKey(), new Published(version == null ? field.getKey() : version, text(dist, "tarball"),
          strongest(text(dist, "integrity"))));
    });
    TreeMap<String, String> tags = new TreeMap<>();
    root.path("dist-tags").properties().forEach(field -> {
      if (field.getValue().isTextual()) {
        tags.put(field.getKey(), field.getValue().textValue());
      }
    });
    return new NpmPackument(versions, tags);
  }

  /**
   * The version {@code spec} asks for: a dist-tag's version; else, for a range or exact version, the
   * {@code latest} tag's version when it satisfies it (npm's preference), else the highest satisfying
   * version.
   *
   * @throws MpException {@code USAGE_ERROR} when {@code spec} is neither a dist-tag nor a range
   */
  Optional<Published> select(String spec) {
    String tagged = distTags.get(spec);
    if (tagged != null) {
      return Optional.ofNullable(versions.get(tagged));
    }
    VersionRange range = VersionRange.parse(spec);
    String latest = distTags.get("latest");
    if (latest != null && versions.containsKey(latest) && Version.parse(latest).isSemver()
        && range.test(Version.parse(latest))) {
      return Optional.of(versions.get(latest));
    }
    Published best = null;
    Version bestVersion = null;
    for (Published published : versions.values()) {
      Version version = Version.parse(published.version());
      if (version.isSemver() && !version.isCoerced() && range.test(version)
          && (bestVersion == null || version.comparePrecedence(bestVersion) > 0)) {
        best = published;
        bestVersion = version;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The published versions, for messages (at most the last 10 in version order). */
  List<String> shownVersions() {
    List<Version> all = new ArrayList<>();
    versions.keySet().forEach(v -> all.add(Version.parse(v)));
    all.sort(Version::compareTo);
    List<String> shown = new ArrayList<>();
    for (int i = Math.max(0, all.size() - 10); i < all.size(); i++) {
      shown.add(all.get(i).text());
    }
    return shown;
  }

  /** The strongest well-formed SRI of a space-separated list, or null. */
  static String strongest(String integrity) {
    if (integrity == null) {
      return null;
    }
    String found = null;
    int rank = 0;
    for (String sri : integrity.trim().split("\\s+")) {
      int r = sri.startsWith("sha512-") ? 3 : sri.startsWith("sha384-") ? 2 : sri.startsWith("sha256-") ? 1 : 0;
      if (r > rank && Integrity.isValid(sri)) {
        found = sri;
        rank = r;
      }
    }
    return found;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue().trim() : null;
  }
}
