package dev.mp.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.install.ArchiveExtractor;
import dev.mp.install.ExtractionLimits;
import dev.mp.io.CanonicalJson;
import dev.mp.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes {@code .claude-plugin/marketplace.json} over a registry's packages, so plain Claude Code can
 * read the same registry: one entry per plugin, for its highest release that is not yanked (plugins
 * whose every release is yanked are left out). Two forms, because Claude Code fetches an {@code archive}
 * source only as a zip over {@code https} from a host that is not loopback:
 *
 * <ul>
 *   <li><b>archive</b> (with an {@code https} base URL): {@code {"source": "archive", "url":
 *       "<base>packages/<name>-<version>.zip", "sha256": ...}}, a reproducible zip beside each tgz;
 *   <li><b>folder</b> (otherwise): {@code "./plugins/<name>"}, the release unpacked into the registry
 *       folder, for a registry Claude Code reads as a local folder or a git repository.
 * </ul>
 *
 * Entries that do not change are taken from the previous {@code marketplace.json} as they are, and
 * their zips and folders are not touched, so adding one release costs one package, not all of them.
 * Not thread-safe.
 */
final class MarketplaceWriter {
  static final String FILE = ".claude-plugin/marketplace.json";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** How entries point at packages. */
  enum Form {
    ARCHIVE("archive"),
    FOLDER("folder");

    private final String wire;

    Form(String wire) {
      this.wire = wire;
    }

    String wire() {
      return wire;
    }
  }

  /**
   * What was written.
   *
   * @param bytes the new {@code marketplace.json}
   * @param form how its entries point at packages
   * @param plugins how many entries it has
   * @param packagesMade how many zips or folders were made from packages already published (not new ones)
   */
  record Written(byte[] bytes, Form form, int plugins, int packagesMade) {}

  private MarketplaceWriter() {}

  static Form form(String baseUrl) {
    return baseUrl != null && baseUrl.startsWith("https://") ? Form.ARCHIVE : Form.FOLDER;
  }

  /**
   * @throws MpException {@code USAGE_ERROR} for a name Claude Code would refuse
   */
  static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw MpException.usage("`--marketplace " + name + "`: not a marketplace name Claude Code accepts here",
          "use kebab-case: lower-case letters, digits and `-`, e.g. `team-plugins`");
    }
  }

  /**
   * Builds the marketplace for {@code index} and stages what its entries need in {@code transaction}.
   *
   * @param fresh the releases packed in this build: {@code name@version} → staged package ({@code .tgz})
   * @param freshZips for the archive form, {@code name@version} → SHA-256 of its staged zip
   * @throws MpException {@code PACKAGE_UNAVAILABLE} when a published release's package is missing,
   *     {@code INTEGRITY_MISMATCH} when it no longer has the integrity the index gives
   */
  static Written write(IndexDocument index, String name, String baseUrl, Path dir, Map<String, Path> fresh,
      Map<String, String> freshZips, RegistryTransaction transaction) {
    Form form = form(baseUrl);
    Map<String, JsonNode> previous = previousEntries(dir);
    ArrayNode plugins = Json.array();
    int made = 0;
    for (String plugin : new java.util.TreeSet<>(index.names())) {
      String version = index.topVersion(plugin);
      ObjectNode release = index.release(plugin, version);
      if (release.path("yanked").asBoolean(false)) {
        continue;
      }
      String key = plugin + "@" + version;
      JsonNode old = previous.get(plugin);
      boolean sameVersion = old != null && version.equals(old.path("version").asText(null));
      ObjectNode entry = Json.object();
      entry.put("name", plugin);
      if (form == Form.ARCHIVE) {
        String zip = Pack.fileName(plugin, version, "zip");
        String url = baseUrl + "packages/" + zip;
        String sha256 = freshZips.get(key);
        JsonNode oldSource = old == null ? null : old.get("source");
        if (sha256 == null && sameVersion && oldSource != null && url.equals(oldSource.path("url").asText(null))
            && SHA256.matcher(oldSource.path("sha256").asText("")).matches()
            && Files.isRegularFile(dir.resolve("packages").resolve(zip))) {
          sha256 = oldSource.get("sha256").textValue();
        }
        if (sha256 == null) {
          sha256 = zipOfPublished(index, plugin, version, dir, fresh.get(key), transaction, "packages/" + zip);
          made += fresh.containsKey(key) ? 0 : 1;
        }
        ObjectNode source = entry.putObject("source");
        source.put("source", "archive");
        source.put("url", url);
        source.put("sha256", sha256);
      } else {
        String folder = "plugins/" + plugin;
        boolean kept = !fresh.containsKey(key) && sameVersion && ("./" + folder).equals(old.path("source").asText(null))
            && Files.isRegularFile(dir.resolve(folder).resolve(PluginFolder.MANIFEST));
        if (!kept) {
          Path staged = transaction.stagedPath(plugin);
          unpack(index, plugin, version, dir, fresh.get(key), staged);
          transaction.replace(staged, folder);
          made += fresh.containsKey(key) ? 0 : 1;
        }
        entry.put("source", "./" + folder);
      }
      JsonNode description = release.get("description");
      if (description != null && description.isTextual()) {
        entry.put("description", description.textValue());
      }
      entry.put("version", version);
      plugins.add(entry);
    }
    ObjectNode root = Json.object();
    root.put("name", name);
    root.putObject("owner").put("name", name);
    root.putObject("metadata").put("description", "Plugins of the `" + name + "` registry, published with mp");
    root.set("plugins", plugins);
    byte[] bytes = CanonicalJson.toString(root, false).getBytes(StandardCharsets.UTF_8);
    return new Written(bytes, form, plugins.size(), made);
  }

  /** The entries of the marketplace this registry had, by plugin name; empty when none or unreadable. */
  private static Map<String, JsonNode> previousEntries(Path dir) {
    Map<String, JsonNode> entries = new HashMap<>();
    Path file = dir.resolve(FILE);
    try {
      if (!Files.isRegularFile(file)) {
        return entries;
      }
      JsonNode plugins = Json.readTree(Files.readAllBytes(file)).get("plugins");
      if (plugins != null && plugins.isArray()) {
        for (JsonNode entry : plugins) {
          if (entry.path("name").isTextual()) {
            entries.put(entry.get("name").textValue(), entry);
          }
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // A marketplace that cannot be read is written anew from the packages.
    }
    return entries;
  }

  /** Makes the zip of a release from its tgz (staged or published), checking its integrity; returns its SHA-256. */
  private static String zipOfPublished(IndexDocument index, String plugin, String version, Path dir, Path stagedTgz,
      RegistryTransaction transaction, String target) {
    Path unpacked = transaction.stagedPath(plugin);
    unpack(index, plugin, version, dir, stagedTgz, unpacked);
    PluginFolder folder = PluginFolder.read(unpacked, target);
    Path zip = transaction.stagedPath(Path.of(target).getFileName().toString());
    Packer.Packed packed = Packer.pack(folder, null, zip);
    requireIntegrity(index, plugin, version, packed.integrity(), target);
    transaction.replace(zip, target);
    return packed.zipSha256();
  }

  /** Unpacks a release's tgz into {@code target} and checks that it is the release the index describes. */
  private static void unpack(IndexDocument index, String plugin, String version, Path dir, Path stagedTgz, Path target) {
    String file = "packages/" + Pack.fileName(plugin, version, "tgz");
    Path tgz = stagedTgz != null ? stagedTgz : dir.resolve(file);
    if (!Files.isRegularFile(tgz)) {
      throw new MpException(ErrorCode.PACKAGE_UNAVAILABLE,
          "cannot write the marketplace entry of `" + plugin + "` " + version + ": `" + file + "` is not in the registry folder",
          "the marketplace is made from the registry's own packages; build the release again from its folder");
    }
    try {
      RegistryTransaction.deleteTree(target);
    } catch (IOException e) {
      throw MpException.io("failed to prepare `" + target + "`", e);
    }
    ArchiveExtractor.extract(tgz, file, target, ExtractionLimits.DEFAULT);
    if (stagedTgz == null) {
      requireIntegrity(index, plugin, version, dev.mp.integrity.TreeHash.of(target), file);
    }
  }

  private static void requireIntegrity(IndexDocument index, String plugin, String version, String actual, String file) {
    String expected = index.release(plugin, version).path("integrity").asText(null);
    if (!actual.equals(expected)) {
      throw new MpException(ErrorCode.INTEGRITY_MISMATCH,
          "`" + file + "` does not hold `" + plugin + "` " + version + " as `index.json` describes it: expected "
              + expected + ", found " + actual,
          "the package was changed after it was published; restore it from a backup before building again");
    }
  }
}
